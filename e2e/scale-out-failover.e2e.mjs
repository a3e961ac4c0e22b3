// e2e-load: call
// Several gateways and several Janus at once (issue #9): Redis (Debian
// redis-server on a free port), gateways A and B, two Janus of the test's own
// (distinct WebSocket ports and RTP port ranges). Two people on A and one on B
// in one room see each other and chat; the Janus hosting the room is killed
// with kill -9 (or frozen with SIGSTOP, so the gateways only notice by missed
// pings, each in its own time), and all three decode each other's video again
// on the other Janus, without a click, and chat still flows. Times are
// printed, not asserted (the deadlines are generous timeouts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { newRoomId } from '@parley/protocol';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { startJanus } from '../scripts/lib/janus.mjs';
import { startRedis } from '../scripts/lib/redis.mjs';
import { openChat, sendChat, waitForMessage } from './support/chat.mjs';
import { launchChromium, newParticipant, startParley, waitFor } from './support/stack.mjs';

/** Small video keeps three browsers, two gateways and two Janus within two cores. */
const VIDEO = 'e2e-video=320x180@15';
const ADMIN_KEY = 'parley-failover-admin-key';
/** The issue asks for 10 s; a loaded machine gets more, and the figure is printed. */
const FAILOVER_TIMEOUT_MS = 30_000;
/** Each Janus's own RTP range (the test run's Janus keeps janus.jcfg's 20000-40000). */
const RTP_PORTS = ['40100-40599', '40600-41099'];

async function join(participant, baseUrl, room, name) {
  const { page } = participant;
  await page.goto(`${baseUrl}/r/${room}?${VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
}

/** Frames each remote camera shown on `page` has presented so far, by participant id. */
function framesByParticipant(page) {
  return page.evaluate(() => {
    const frames = {};
    for (const video of document.querySelectorAll('video[data-participant-id][data-source="camera"]')) {
      if (video.paused || video.readyState < 2 || video.videoWidth === 0) continue;
      frames[video.dataset.participantId] = video.getVideoPlaybackQuality().totalVideoFrames;
    }
    return frames;
  });
}

/**
 * Resolves with the time at which `page` decoded new frames of `count` remote
 * cameras in two successive half-second windows (so frames still in flight
 * when a Janus died do not count); throws after `timeoutMs`.
 */
async function decodingAll(page, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let previous = await framesByParticipant(page);
  let streak = 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await framesByParticipant(page);
    const advancing = Object.keys(now).filter((id) => previous[id] !== undefined && now[id] > previous[id]);
    streak = advancing.length >= count ? streak + 1 : 0;
    previous = now;
    if (streak >= 2) return Date.now();
  }
  throw new Error(`fewer than ${count} remote cameras advancing after ${timeoutMs} ms: ${JSON.stringify(previous)}`);
}

/** `parley_janus_rooms` by instance URL, from a gateway's /metrics. */
async function roomsByInstance(gateway) {
  const text = await (await fetch(gateway.metricsUrl)).text();
  const rooms = {};
  for (const [, instance, value] of text.matchAll(/^parley_janus_rooms\{instance="([^"]+)"\} (\S+)$/gm)) rooms[instance] = Number(value);
  return rooms;
}

/** When each gateway logged losing Janus `url` (ms since `since`), from its log lines. */
function noticed(gateway, url, since) {
  const line = gateway
    .output()
    .split('\n')
    .find((text) => text.includes(`Janus ${url} was lost`) && Date.parse(JSON.parse(text).time) >= since);
  return line === undefined ? 'not logged' : `${Date.parse(JSON.parse(line).time) - since} ms`;
}

/** What a failure needs: each gateway's warnings, errors and rebuilds, each page's connections. */
async function diagnostics(gateways, people) {
  const lines = Object.entries(gateways).flatMap(([name, gateway]) =>
    gateway
      .output()
      .split('\n')
      .filter((line) => /"level":"(warn|error)"|Rebuilt room|is on Janus|was lost/.test(line) && !/janode: \[transport-ws/.test(line))
      .slice(-30)
      .map((line) => `${name}: ${line}`),
  );
  const pages = await Promise.all(
    Object.entries(people).map(async ([who, { page }]) => {
      const pcs = await page.evaluate(() => (window.__parleyPcs ?? []).map((pc) => `${pc.connectionState}/${pc.signalingState}`));
      const warnings = (people[who].warnings ?? []).slice(-8).map((line) => `\n      ${line.slice(0, 300)}`).join('');
      return `${who}: pcs ${JSON.stringify(pcs)}, frames ${JSON.stringify(await framesByParticipant(page))}${warnings}`;
    }),
  );
  return [...lines, ...pages].join('\n');
}

describe('Two gateways and two Janus', () => {
  let redis;
  /** The two Janus: each `{ url, port, pid, stop, exited, dead }`, restarted in place when a test killed it. */
  const januses = [];
  let gatewayA;
  let gatewayB;
  let browser;
  const contexts = [];

  async function startOwnJanus(index, port) {
    const janus = await startJanus({ adminKey: ADMIN_KEY, rtpPorts: RTP_PORTS[index], ...(port === undefined ? {} : { port }) });
    const entry = { ...janus, dead: false };
    janus.exited.then(() => (entry.dead = true));
    januses[index] = entry;
  }

  /** Brings back (on its port) a Janus an earlier test killed, and waits until both gateways are connected to both. */
  async function bothJanusUp() {
    for (const [index, janus] of januses.entries()) if (janus.dead) await startOwnJanus(index, janus.port);
    expect(januses.filter((janus) => janus.dead).length).withContext('both Janus running').toBe(0);
    for (const gateway of [gatewayA, gatewayB]) {
      const ready = await waitFor(
        async () => (await (await fetch(`${gateway.url}/readyz`)).json()).janusDown,
        (down) => down.length === 0,
        30_000,
      );
      expect(ready).withContext('both Janus connected').toEqual([]);
    }
  }

  /** Ada and Cy on gateway A, Bob on B, in a new room, all decoding the two others, chat open; the Janus hosting it and the other. */
  async function threeInARoom() {
    await bothJanusUp();
    const people = {};
    for (const who of ['ada', 'bob', 'cy']) {
      people[who] = await newParticipant(browser);
      contexts.push(people[who].context);
      // The client's own warnings (a failed call says why there), for the diagnostics.
      people[who].warnings = [];
      people[who].page.on('console', (message) => {
        if (message.type() === 'warning' || message.type() === 'error') people[who].warnings.push(`${new Date().toISOString()} ${message.text()}`);
      });
    }
    const room = newRoomId();
    await join(people.ada, gatewayA.url, room, 'Ada');
    await join(people.bob, gatewayB.url, room, 'Bob');
    await join(people.cy, gatewayA.url, room, 'Cy');
    await Promise.all(Object.values(people).map(({ page }) => decodingAll(page, 2, 30_000)));
    for (const { page } of Object.values(people)) {
      await openChat(page);
      await page.evaluate(() => (window.__notReloaded = true));
    }
    const before = `before the failover ${Date.now()}`;
    await sendChat(people.bob.page, before);
    for (const { page } of [people.ada, people.cy]) await waitForMessage(page, before);
    // Both gateways hold the room on the Janus its shared placement names.
    const placed = placementOf(room);
    const host = januses.find((janus) => janus.url === placed);
    expect(host).withContext(`the room placed on one of the two Janus: ${placed}`).toBeDefined();
    for (const gateway of [gatewayA, gatewayB]) expect((await roomsByInstance(gateway))[placed]).toBeGreaterThanOrEqual(1);
    return { people, room, host, other: januses.find((janus) => janus !== host) };
  }

  /** `parley:placement:<room>` in Redis: the Janus every gateway sends the room's people to. */
  function placementOf(room) {
    return execFileSync('redis-cli', ['-u', redis.url, 'GET', `parley:placement:${room}`], { encoding: 'utf8' }).trim();
  }

  /** After `host` went: all three decode both remote cameras again, the room is on `other` for both gateways, chat flows. */
  async function recovered({ people, room, host, other }, since, what) {
    let decodingAt;
    try {
      decodingAt = await Promise.all(Object.values(people).map(({ page }) => decodingAll(page, 2, FAILOVER_TIMEOUT_MS)));
    } catch (error) {
      console.log(`\n    ${error.message}; what the gateways and the pages say:\n${await diagnostics({ A: gatewayA, B: gatewayB }, people)}`);
      throw error;
    }
    const figures = Object.keys(people).map((who, i) => `${who} ${decodingAt[i] - since} ms`);
    console.log(`\n    ${what} → all three decoding both remote cameras again: ${Math.max(...decodingAt) - since} ms (${figures.join(', ')})`);
    console.log(`    the loss noticed by gateway A after ${noticed(gatewayA, host.url, since)}, by B after ${noticed(gatewayB, host.url, since)}`);

    for (const [who, { page }] of Object.entries(people)) {
      expect(await page.evaluate(() => window.__notReloaded)).withContext(`${who} was not reloaded`).toBeTrue();
    }
    expect(placementOf(room)).withContext('the room placed on the other Janus').toBe(other.url);
    for (const [name, gateway] of Object.entries({ A: gatewayA, B: gatewayB })) {
      const rooms = await roomsByInstance(gateway);
      expect(rooms[other.url]).withContext(`gateway ${name} holds the room on the other Janus`).toBeGreaterThanOrEqual(1);
      expect(rooms[host.url]).withContext(`gateway ${name} holds nothing on the lost Janus`).toBe(0);
    }

    // Chat still flows both ways across the gateways.
    const { ada, bob, cy } = people;
    const fromA = `after the failover from A ${Date.now()}`;
    const sentAt = Date.now();
    await sendChat(ada.page, fromA);
    for (const { page } of [bob, cy]) await waitForMessage(page, fromA);
    const fromB = `after the failover from B ${Date.now()}`;
    await sendChat(bob.page, fromB);
    for (const { page } of [ada, cy]) await waitForMessage(page, fromB);
    console.log(`    chat A → B and back after the failover: ${Date.now() - sentAt} ms`);

    for (const [who, participant] of Object.entries(people)) expect(participant.errors).withContext(`${who}'s page errors`).toEqual([]);
    for (const { context } of Object.values(people)) await context.close();
  }

  beforeAll(async () => {
    redis = await startRedis();
    // The test run's Janus (JANUS_URL) is left alone: these tests stop their own two.
    await Promise.all(RTP_PORTS.map((_, index) => startOwnJanus(index)));
    const shared = {
      REDIS_URL: redis.url,
      SESSION_SECRET: 'scale-out-failover-e2e-secret-0123456789',
      JANUS_URLS: januses.map((janus) => janus.url).join(','),
      JANUS_ADMIN_KEY: ADMIN_KEY,
    };
    gatewayA = await startParley(shared);
    gatewayB = await startParley(shared);
    browser = await launchChromium();
    console.log(`\n    gateways: A ${gatewayA.url}, B ${gatewayB.url}; Janus ${januses.map((j) => j.url).join(', ')}`);
  }, 90_000);

  afterAll(async () => {
    mkdirSync(joinPath(ROOT, 'test-results'), { recursive: true });
    if (gatewayA) writeFileSync(joinPath(ROOT, 'test-results/scale-out-failover-gateway-a.log'), gatewayA.output());
    if (gatewayB) writeFileSync(joinPath(ROOT, 'test-results/scale-out-failover-gateway-b.log'), gatewayB.output());
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await gatewayA?.stop();
    await gatewayB?.stop();
    for (const janus of januses) {
      if (!janus.dead) {
        try {
          process.kill(janus.pid, 'SIGCONT');
        } catch {
          // Already gone.
        }
      }
      await janus.stop();
    }
    await redis?.stop();
  }, 30_000);

  it('moves a room served by two gateways off a Janus killed with kill -9: all three see video again on the other Janus, and chat goes on', async () => {
    const call = await threeInARoom();
    const killedAt = Date.now();
    process.kill(call.host.pid, 'SIGKILL');
    await call.host.exited;
    await recovered(call, killedAt, 'Janus hosting the room killed (kill -9)');
  }, 180_000);

  it('moves the room too when its Janus freezes (SIGSTOP): each gateway notices by missed pings, in its own time', async () => {
    const call = await threeInARoom();
    const stoppedAt = Date.now();
    process.kill(call.host.pid, 'SIGSTOP');
    try {
      await recovered(call, stoppedAt, 'Janus hosting the room frozen (SIGSTOP)');
    } finally {
      // Gone for good, as a hung machine would be; the next test starts it again (once it has exited).
      try {
        process.kill(call.host.pid, 'SIGKILL');
      } catch (error) {
        console.log(`    the frozen Janus was gone already: ${error.message}`);
      }
      await call.host.exited;
    }
  }, 180_000);
});
