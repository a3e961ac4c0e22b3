// e2e-load: call
// Two gateways over one Redis serve one room: two people on gateway A, one on
// gateway B, one Janus. Everyone sees everyone's video, chat reaches everyone
// whichever gateway they are on, and a leaver's tile goes everywhere.
// Real parts only: Debian's redis-server on a free port, two built gateways
// with REDIS_URL, the Janus the test run started, headless Chromium.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { newRoomId } from '@parley/protocol';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { startRedis } from '../scripts/lib/redis.mjs';
import { openChat, sendChat, waitForMessage } from './support/chat.mjs';
import { launchChromium, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';

/** Small video keeps three browsers, two gateways and Janus within two cores. */
const VIDEO = 'e2e-video=320x180@15';

async function join(participant, baseUrl, room, name) {
  const { page } = participant;
  await page.goto(`${baseUrl}/r/${room}?${VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  const started = Date.now();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 20_000 });
  return started;
}

/** The participants whose camera plays in a video element (decoding frames) on `page`. */
function playingCameras(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('video[data-participant-id][data-source="camera"]')]
      .filter((video) => !video.paused && video.readyState >= 2 && video.videoWidth > 0)
      .map((video) => video.dataset.participantId),
  );
}

describe('Two gateways over Redis', () => {
  let redis;
  let gatewayA;
  let gatewayB;
  let browser;
  let ada;
  let bob;
  let cy;
  const room = newRoomId();

  beforeAll(async () => {
    redis = await startRedis();
    // One secret for both: a token issued by either is good on the other.
    const shared = { REDIS_URL: redis.url, SESSION_SECRET: 'scale-out-e2e-session-secret-0123456789' };
    gatewayA = await startParley(shared);
    gatewayB = await startParley(shared);
    browser = await launchChromium();
    ada = await newParticipant(browser);
    bob = await newParticipant(browser);
    cy = await newParticipant(browser);
  }, 90_000);

  afterAll(async () => {
    // The gateways' logs (the last 64 kB of each) for whoever reads a failure.
    mkdirSync(joinPath(ROOT, 'test-results'), { recursive: true });
    if (gatewayA) writeFileSync(joinPath(ROOT, 'test-results/scale-out-gateway-a.log'), gatewayA.output());
    if (gatewayB) writeFileSync(joinPath(ROOT, 'test-results/scale-out-gateway-b.log'), gatewayB.output());
    await browser?.close();
    await gatewayA?.stop();
    await gatewayB?.stop();
    await redis?.stop();
  }, 30_000);

  it('reports Redis reachable on /readyz of both gateways', async () => {
    for (const gateway of [gatewayA, gatewayB]) {
      const response = await fetch(`${gateway.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', janus: true, janusDown: [], store: true, redis: true, failed: [] });
    }
  });

  it('lets two people on gateway A and one on gateway B see each other, chat, and see a leaver go', async () => {
    console.log(`\n    gateways: A ${gatewayA.url}, B ${gatewayB.url}, Redis ${redis.url}`);
    await join(ada, gatewayA.url, room, 'Ada');
    const bobStarted = await join(bob, gatewayB.url, room, 'Bob');
    await join(cy, gatewayA.url, room, 'Cy');

    // Everyone sees the two others by name.
    const names = { ada: 'Ada', bob: 'Bob', cy: 'Cy' };
    const people = { ada, bob, cy };
    for (const [who, { page }] of Object.entries(people)) {
      for (const [other, name] of Object.entries(names)) {
        if (other === who) continue;
        await expectAsync(page.getByRole('group', { name: new RegExp(name) }).first().waitFor({ timeout: 20_000 }))
          .withContext(`${who} sees ${name}`)
          .toBeResolved();
      }
    }

    // Everyone decodes two remote cameras: across gateways too (Bob ↔ Ada, Cy).
    const started = Date.now();
    for (const [who, { page }] of Object.entries(people)) {
      const playing = await waitFor(() => playingCameras(page), (ids) => ids.length >= 2, 30_000);
      expect(playing.length).withContext(`${who} plays two remote cameras`).toBe(2);
      const before = await mediaCounters(page);
      const after = await waitFor(
        () => mediaCounters(page),
        (now) => now.videoFramesDecoded > before.videoFramesDecoded + 10 && now.audioPacketsReceived > before.audioPacketsReceived + 20,
      );
      expect(after.videoFramesDecoded).withContext(`${who} decodes video`).toBeGreaterThan(before.videoFramesDecoded + 10);
      expect(after.audioPacketsReceived).withContext(`${who} receives audio`).toBeGreaterThan(before.audioPacketsReceived + 20);
    }
    console.log(`    Bob (gateway B): join click → all three decoding two remote cameras: ${Date.now() - bobStarted} ms`);
    console.log(`    (checked in ${Date.now() - started} ms after the last join)`);

    // Chat from each gateway reaches everyone.
    for (const { page } of Object.values(people)) await openChat(page);
    const fromB = `hello from B ${Date.now()}`;
    let sentAt = Date.now();
    await sendChat(bob.page, fromB);
    for (const { page } of [ada, cy]) await waitForMessage(page, fromB);
    console.log(`    chat B → both on A: ${Date.now() - sentAt} ms`);
    const fromA = `hello from A ${Date.now()}`;
    sentAt = Date.now();
    await sendChat(cy.page, fromA);
    for (const { page } of [ada, bob]) await waitForMessage(page, fromA);
    console.log(`    chat A → A and B: ${Date.now() - sentAt} ms`);

    // A reaction from gateway B floats over Bob's tile on A for both.
    await bob.page.getByRole('button', { name: 'Send a reaction' }).click();
    sentAt = Date.now();
    await bob.page.getByRole('button', { name: 'React with applause' }).click();
    for (const { page } of [ada, cy]) {
      await page.locator('parley-participant-tile', { hasText: 'Bob' }).locator('[data-reaction]', { hasText: '👏' }).waitFor({ timeout: 10_000 });
    }
    console.log(`    reaction B → both on A: ${Date.now() - sentAt} ms`);

    // Bob (gateway B) leaves: his tile goes on A for both.
    await bob.page.getByRole('button', { name: 'Leave call' }).click();
    let leftAt = Date.now();
    for (const { page } of [ada, cy]) {
      await expectAsync(page.getByRole('group', { name: /Bob/ }).waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    }
    console.log(`    leave on B → tile gone on A for both: ${Date.now() - leftAt} ms`);

    // Cy (gateway A) leaves: Ada still has her, then not.
    await cy.page.getByRole('button', { name: 'Leave call' }).click();
    leftAt = Date.now();
    await expectAsync(ada.page.getByRole('group', { name: /Cy/ }).waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    console.log(`    leave on A → tile gone on A: ${Date.now() - leftAt} ms`);

    for (const [who, participant] of Object.entries(people)) expect(participant.errors).withContext(`${who}'s page errors`).toEqual([]);
  }, 180_000);

  it('keeps a call going on the other gateway while the gateway that created its Janus room restarts', async () => {
    const third = newRoomId();
    const gus = await newParticipant(browser);
    const hal = await newParticipant(browser);
    try {
      // Gus on A first: A creates the Janus room; Hal on B adopts it.
      await join(gus, gatewayA.url, third, 'Gus');
      await join(hal, gatewayB.url, third, 'Hal');
      for (const { page } of [gus, hal]) await waitFor(() => playingCameras(page), (ids) => ids.length >= 1, 30_000);

      // A restarts cleanly (SIGTERM): it must leave the Janus room to B, not destroy it under Hal.
      const restartedAt = Date.now();
      await gatewayA.restart();
      for (const [who, { page }] of Object.entries({ gus, hal })) {
        const before = await mediaCounters(page);
        const after = await waitFor(
          () => mediaCounters(page),
          (now) => now.videoFramesDecoded > before.videoFramesDecoded + 10,
          30_000,
        );
        expect(after.videoFramesDecoded).withContext(`${who} decodes video after A restarted`).toBeGreaterThan(before.videoFramesDecoded + 10);
        const playing = await waitFor(() => playingCameras(page), (ids) => ids.length >= 1, 30_000);
        expect(playing.length).withContext(`${who} plays the other's camera`).toBe(1);
      }
      console.log(`\n    gateway A (creator of the Janus room) restarted → video both ways again: ${Date.now() - restartedAt} ms`);
      expect(hal.errors).toEqual([]);
    } finally {
      await gus.context.close();
      await hal.context.close();
    }
  }, 180_000);

  it('drops the people of a gateway that dies, and takes them back when it returns', async () => {
    const second = newRoomId();
    const dora = await newParticipant(browser);
    const eve = await newParticipant(browser);
    try {
      await join(dora, gatewayA.url, second, 'Dora');
      await join(eve, gatewayB.url, second, 'Eve');
      await waitFor(() => playingCameras(dora.page), (ids) => ids.length >= 1, 30_000);

      // Gateway B dies without a word (no leave, no goodbye to Redis).
      process.kill(gatewayB.pid, 'SIGKILL');
      await gatewayB.exited;
      const killedAt = Date.now();
      await expectAsync(dora.page.getByRole('group', { name: /Eve/ }).waitFor({ state: 'detached', timeout: 30_000 })).toBeResolved();
      console.log(`\n    gateway B killed → Eve's tile gone on A: ${Date.now() - killedAt} ms (heartbeat expiry 10 s + sweep every 3 s)`);

      // B comes back on the same port: Eve's client reconnects and resumes there, and Dora sees her again.
      await gatewayB.restart();
      const restartedAt = Date.now();
      await expectAsync(dora.page.getByRole('group', { name: /Eve/ }).first().waitFor({ timeout: 30_000 })).toBeResolved();
      const playing = await waitFor(() => playingCameras(dora.page), (ids) => ids.length >= 1, 30_000);
      expect(playing.length).withContext('Dora plays Eve\'s camera again').toBe(1);
      const back = await waitFor(() => playingCameras(eve.page), (ids) => ids.length >= 1, 30_000);
      expect(back.length).withContext('Eve plays Dora\'s camera again').toBe(1);
      console.log(`    gateway B restarted → Eve back with video both ways: ${Date.now() - restartedAt} ms`);
      expect(dora.errors).toEqual([]);
    } finally {
      await dora.context.close();
      await eve.context.close();
    }
  }, 180_000);
});
