// e2e-load: call
// Several Janus instances (JANUS_URLS): a room lives on one; when that Janus
// dies (kill -9), the room moves to the other and every participant's video
// comes back without a click. Two real Janus of its own, a real gateway, real
// Chromium; the measured failover time is printed, not asserted.
import { newRoomId } from '@parley/protocol';
import { startJanus } from '../scripts/lib/janus.mjs';
import { launchChromium, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';

const VIDEO = 'e2e-video=320x180@15';
const ADMIN_KEY = 'parley-multi-janus-admin-key';

async function join(participant, url, room, name) {
  await participant.page.goto(`${url}/r/${room}?${VIDEO}`);
  await participant.page.getByLabel('Your name').fill(name);
  await participant.page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** Waits until a page decodes video from `count` remote cameras, all advancing; throws after `timeoutMs`. */
async function remoteVideoFlowing(page, count, timeoutMs) {
  const before = await mediaCounters(page);
  const shown = await waitFor(
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
  if (!shown) throw new Error(`fewer than ${count} remote videos playing after ${timeoutMs} ms`);
  const after = await waitFor(
    () => mediaCounters(page),
    (now) => now.videoFramesDecoded > before.videoFramesDecoded + 10,
    timeoutMs,
  );
  if (after.videoFramesDecoded <= before.videoFramesDecoded + 10) throw new Error('remote video is not advancing');
}

/** `parley_janus_rooms` by instance URL, from the gateway's /metrics. */
async function roomsByInstance(parley) {
  const text = await (await fetch(parley.metricsUrl)).text();
  const rooms = {};
  for (const [, instance, value] of text.matchAll(/^parley_janus_rooms\{instance="([^"]+)"\} (\S+)$/gm)) rooms[instance] = Number(value);
  return rooms;
}

/** The gateway's warnings, errors, rebuilds and requests, and each page's connections and videos: what a failure needs. */
async function diagnostics(parley, people) {
  const lines = parley
    .output()
    .split('\n')
    .filter((line) => /"level":"(warn|error)"|Rebuilt room|Request answered/.test(line) && !/media\.trickle|janode: \[transport-ws/.test(line))
    .slice(-60);
  const pages = await Promise.all(
    people.map(({ page }) =>
      page.evaluate(() => ({
        pcs: (window.__parleyPcs ?? []).map((pc) => `${pc.connectionState}/${pc.signalingState}`),
        videos: [...document.querySelectorAll('video[data-participant-id][data-source="camera"]')].map(
          (v) => `${v.readyState}:${v.paused ? 'paused' : 'playing'}:${v.videoWidth}`,
        ),
      })),
    ),
  );
  return [...lines, ...pages.map((state, i) => `page ${i}: ${JSON.stringify(state)}`)].join('\n');
}

describe('Several Janus instances', () => {
  let januses;
  let parley;
  let browser;
  let people;
  let elsewhere;

  beforeAll(async () => {
    januses = await Promise.all([startJanus({ adminKey: ADMIN_KEY }), startJanus({ adminKey: ADMIN_KEY })]);
    parley = await startParley({ JANUS_URLS: januses.map((janus) => janus.url).join(','), JANUS_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'debug' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const person of [...(people ?? []), ...(elsewhere ?? [])]) await person.context.close();
    await browser?.close();
    await parley?.stop();
    await Promise.all((januses ?? []).map((janus) => janus.stop()));
  }, 30_000);

  it('moves a room off a Janus killed with kill -9, and all three participants see video again without reloading; a room on the other Janus is not disturbed', async () => {
    people = [await newParticipant(browser), await newParticipant(browser), await newParticipant(browser)];
    const room = newRoomId();
    for (const [i, person] of people.entries()) await join(person, parley.url, room, ['Ada', 'Bob', 'Cy'][i]);
    await Promise.all(people.map(({ page }) => remoteVideoFlowing(page, 2, 30_000)));
    for (const { page } of people) await page.evaluate(() => (window.__notReloaded = true));
    // A second meeting (one person, to spare the machine) goes to the least-loaded Janus: the other one.
    elsewhere = [await newParticipant(browser)];
    await join(elsewhere[0], parley.url, newRoomId(), 'Dee');
    await waitFor(() => mediaCounters(elsewhere[0].page), (now) => now.videoFramesEncoded > 10, 30_000);

    const before = await roomsByInstance(parley);
    const host = januses.find((janus) => before[janus.url] === 1);
    const other = januses.find((janus) => janus !== host);
    expect(host).withContext(`one room on each Janus: ${JSON.stringify(before)}`).toBeDefined();
    expect(before[other.url]).toBe(1);
    const peerConnections = () => Promise.all(elsewhere.map(({ page }) => page.evaluate(() => window.__parleyPcs.length)));
    const elsewhereBefore = await peerConnections();

    const killedAt = Date.now();
    process.kill(host.pid, 'SIGKILL');
    // The issue asks for 10 s; the deadline is generous on purpose (a loaded CI machine), the figure is printed.
    try {
      await Promise.all(people.map(({ page }) => remoteVideoFlowing(page, 2, 30_000)));
    } catch (error) {
      console.log(`\n    ${error.message}; what the gateway and the pages say:\n${await diagnostics(parley, people)}`);
      throw error;
    }
    console.log(`\n    Janus hosting the room killed (kill -9) → all three decoding remote video again: ${Date.now() - killedAt} ms`);

    for (const { page } of people) expect(await page.evaluate(() => window.__notReloaded)).toBeTrue();
    const after = await roomsByInstance(parley);
    expect(after[other.url]).withContext('the room now lives on the other Janus, beside the second meeting').toBe(2);
    expect(after[host.url]).toBe(0);
    // The second meeting kept its connection (no republish), still sending video.
    expect(await peerConnections()).toEqual(elsewhereBefore);
    const sent = await mediaCounters(elsewhere[0].page);
    const sending = await waitFor(() => mediaCounters(elsewhere[0].page), (now) => now.videoFramesEncoded > sent.videoFramesEncoded + 10, 20_000);
    expect(sending.videoFramesEncoded).toBeGreaterThan(sent.videoFramesEncoded + 10);
    expect(await elsewhere[0].page.evaluate(() => window.__parleyPcs.map((pc) => pc.connectionState).filter((state) => state !== 'closed'))).toEqual(['connected']);
    const ready = await fetch(`${parley.url}/readyz`);
    expect(ready.status).withContext('ready while one Janus is up').toBe(200);
    expect((await ready.json()).janusDown).toEqual([host.url]);
  }, 120_000);
});
