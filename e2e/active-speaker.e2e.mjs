// e2e-load: call
// Active speaker, end to end: Janus's audio-level events (every microphone
// plays a voice-like WAV, see support/voice.mjs) ring the talker's tile
// for everyone, the speaker layout features them, and when another person
// talks instead the ring and the large tile move to them. Someone who joins
// while a person talks sees that person featured from the join itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { newRoomId } from '@parley/protocol';
import { diagnose } from './support/diagnose.mjs';
import { launchChromium, newParticipant, sharedParley, waitFor } from './support/stack.mjs';
import { writeVoiceWav } from './support/voice.mjs';

const VIDEO = 'e2e-video=160x90@5';

/** Opens the room, leaves the microphone on or turns it off in the lobby, and joins. */
async function join({ page }, baseUrl, room, name, { microphone }) {
  await page.goto(`${baseUrl}/r/${room}?${VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  if (!microphone) await page.getByRole('button', { name: 'Mute microphone' }).click();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: DEADLINE_MS });
}

/** Generous: a loaded two-core machine can take many seconds for a control or a ring to show. */
const DEADLINE_MS = 45_000;

const tile = (page, name) => page.locator(`[role="group"][data-participant-id][aria-label="${name}"]`);
const ringed = async (page, name) => (await tile(page, name).getAttribute('data-speaking').catch(() => null)) === 'true';
const featured = async (page) => page.locator('[role="group"][data-participant-id][data-featured="true"]').getAttribute('aria-label').catch(() => null);

describe('Active speaker', () => {
  let parley;
  let browser;
  const dir = mkdtempSync(joinPath(tmpdir(), 'parley-voice-'));

  beforeAll(async () => {
    parley = await sharedParley();
    // Every microphone in this browser plays the voice; a muted one sends silence.
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${writeVoiceWav(joinPath(dir, 'voice.wav'))}`]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  /** Clicks `name` on `who`'s page; if it never shows, fails saying what every page was doing (and warned). */
  async function press(who, name, everyone) {
    try {
      await who.page.getByRole('button', { name }).click({ timeout: DEADLINE_MS });
    } catch (error) {
      const pages = Object.fromEntries(Object.entries(everyone).map(([n, p]) => [n, p.page]));
      const warned = Object.entries(everyone).map(([n, p]) => `  ${n} warned: ${p.warnings.join(' | ') || 'nothing'}`).join('\n');
      throw new Error(`"${name}" never became clickable: ${error.message.split('\n')[0]}\n${await diagnose(pages)}\n${warned}`);
    }
  }

  it('rings and features whoever talks, moves with the talk, and shows a late joiner the current speaker', async () => {
    const room = newRoomId();
    const [ana, ben, cas] = [await newParticipant(browser), await newParticipant(browser), await newParticipant(browser)];
    await join(ana, parley.url, room, 'Ana', { microphone: true });
    await join(ben, parley.url, room, 'Ben', { microphone: false });

    const startedAt = Date.now();
    expect(await waitFor(() => ringed(ben.page, 'Ana'), Boolean, DEADLINE_MS)).withContext('Ana’s tile rings for Ben').toBeTrue();
    console.log(`\n    Ana's ring shows for Ben ${Date.now() - startedAt} ms after his join`);
    const everyone = { Ana: ana, Ben: ben, Cas: cas };
    await press(ben, 'Speaker layout', everyone);
    expect(await waitFor(() => featured(ben.page), (name) => name === 'Ana', DEADLINE_MS)).toBe('Ana');

    // Ana stops, Ben talks: for Ana the ring and the large tile move to Ben; Ben never features himself.
    await press(ana, 'Speaker layout', everyone);
    await press(ana, 'Mute microphone', everyone);
    await press(ben, 'Unmute microphone', everyone);
    const movedAt = Date.now();
    expect(await waitFor(() => ringed(ana.page, 'Ben'), Boolean, DEADLINE_MS)).withContext('Ben’s tile rings for Ana').toBeTrue();
    console.log(`    the ring moves to Ben ${Date.now() - movedAt} ms after he unmutes`);
    expect(await waitFor(() => featured(ana.page), (name) => name === 'Ben', DEADLINE_MS)).toBe('Ben');
    expect(await waitFor(() => ringed(ben.page, 'Ana'), (on) => !on, DEADLINE_MS)).withContext('Ana’s ring goes once she is muted').toBeFalse();
    expect(await featured(ben.page)).withContext('Ben still sees Ana, not himself').toBe('Ana');

    // Cas joins while Ben talks: the speaker layout features Ben (not Ana, the first in the room) from the join on.
    await join(cas, parley.url, room, 'Cas', { microphone: false });
    const casJoinedAt = Date.now();
    await press(cas, 'Speaker layout', everyone);
    expect(await waitFor(() => featured(cas.page), (name) => name === 'Ben', DEADLINE_MS)).withContext('Cas sees Ben large').toBe('Ben');
    expect(await waitFor(() => ringed(cas.page, 'Ben'), Boolean, DEADLINE_MS)).toBeTrue();
    console.log(`    a late joiner sees the speaker featured ${Date.now() - casJoinedAt} ms after the call view shows`);

    for (const { errors } of [ana, ben, cas]) expect(errors).toEqual([]);
    for (const { context } of [ana, ben, cas]) await context.close();
  }, 240_000);
});
