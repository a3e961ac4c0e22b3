// e2e-load: call
// Recovery without a click: Janus killed, gateway restarted, a client offline
// for a while. Real Janus (its own, since it gets killed), real gateway, real
// Chromium; the measured recovery times are printed.
import { newRoomId } from '@parley/protocol';
import { startJanus } from '../scripts/lib/janus.mjs';
import { launchChromium, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';

const VIDEO = 'e2e-video=160x90@10';
const ADMIN_KEY = 'parley-recovery-admin-key';

async function join(participant, url, room, name) {
  await participant.page.goto(`${url}/r/${room}?${VIDEO}`);
  await participant.page.getByLabel('Your name').fill(name);
  await participant.page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** Waits until a page decodes video from `count` remote cameras, all advancing; returns the ms it took. */
async function remoteVideoFlowing(page, count, timeoutMs) {
  const started = Date.now();
  const before = await mediaCounters(page);
  await waitFor(
    () =>
      page.evaluate(
        (n) =>
          [...document.querySelectorAll('video[data-participant-id][data-source="camera"]')].filter(
            (v) => v.readyState >= 2 && !v.paused && v.videoWidth > 0,
          ).length >= n,
        count,
      ),
    Boolean,
    timeoutMs,
  );
  const after = await waitFor(
    () => mediaCounters(page),
    (now) => now.videoFramesDecoded > before.videoFramesDecoded + 10,
    timeoutMs,
  );
  if (after.videoFramesDecoded <= before.videoFramesDecoded + 10) throw new Error('remote video is not advancing');
  return Date.now() - started;
}

function participantIds(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="group"][data-participant-id]')].map((tile) => tile.getAttribute('data-participant-id')).sort(),
  );
}

describe('Recovery', () => {
  let janus;
  let parley;
  let browser;
  let people;

  beforeAll(async () => {
    janus = await startJanus({ adminKey: ADMIN_KEY });
    parley = await startParley({ JANUS_URL: janus.url, JANUS_ADMIN_KEY: ADMIN_KEY, RESUME_GRACE_SECONDS: '8' });
    browser = await launchChromium();
  }, 60_000);

  beforeEach(async () => {
    people = [await newParticipant(browser), await newParticipant(browser), await newParticipant(browser)];
    const room = newRoomId();
    for (const [i, person] of people.entries()) await join(person, parley.url, room, ['Ada', 'Bob', 'Cy'][i]);
    for (const { page } of people) await remoteVideoFlowing(page, 2, 60_000);
  }, 240_000);

  afterEach(async () => {
    for (const person of people ?? []) await person.context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
    await janus?.stop();
  }, 30_000);

  it('brings every video back within 10 s after Janus is killed and restarted, without reloading', async () => {
    const marks = await Promise.all(people.map(({ page }) => page.evaluate(() => (window.__notReloaded = true))));
    expect(marks).toEqual([true, true, true]);
    const port = janus.port;
    process.kill(janus.pid, 'SIGKILL');
    await janus.stop();
    const restartedAt = Date.now();
    janus = await startJanus({ adminKey: ADMIN_KEY, port });
    // The deadline is generous on purpose (a loaded CI machine); the figure is printed, not asserted.
    await Promise.all(people.map(({ page }) => remoteVideoFlowing(page, 2, 60_000)));
    console.log(`\n    Janus kill -9 → every remote video decoding again: ${Date.now() - restartedAt} ms after Janus was back`);
    for (const { page } of people) expect(await page.evaluate(() => window.__notReloaded)).toBeTrue();
  }, 180_000);

  it('keeps the same people, ids and chat across a gateway restart', async () => {
    const idsBefore = await participantIds(people[0].page);
    expect(idsBefore.length).toBe(3);
    const restartAt = Date.now();
    await parley.restart();
    const times = await Promise.all(people.map(({ page }) => remoteVideoFlowing(page, 2, 60_000)));
    console.log(`    gateway restart → all three back with video: ${Date.now() - restartAt} ms`);
    for (const { page } of people) {
      const ids = await participantIds(page);
      expect(ids).withContext('same participant ids, no duplicates').toEqual(idsBefore);
    }
    expect(times.length).toBe(3);
  }, 180_000);

  it('resumes a client that was offline for a few seconds without the others seeing it leave', async () => {
    const [ada, bob] = people;
    const leaves = await bob.page.evaluate(() => {
      window.__tileRemovals = 0;
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.removedNodes) {
            if (node instanceof Element && node.matches?.('[role="group"][data-participant-id]')) window.__tileRemovals += 1;
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
      return window.__tileRemovals;
    });
    expect(leaves).toBe(0);
    const cdp = await ada.context.newCDPSession(ada.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const backAt = Date.now();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await remoteVideoFlowing(bob.page, 2, 60_000);
    await remoteVideoFlowing(ada.page, 2, 60_000);
    console.log(`    5 s offline → media both ways again: ${Date.now() - backAt} ms after coming back`);
    expect(await bob.page.evaluate(() => window.__tileRemovals)).withContext('Bob never saw Ada’s tile go').toBe(0);
  }, 180_000);
});
