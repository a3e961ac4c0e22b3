// e2e-load: call
// Two people meet through Janus: the walking skeleton, end to end, for real.
import { newRoomId } from '@parley/protocol';
import { launchChromium, mediaCounters, newParticipant, sharedParley, waitFor } from './support/stack.mjs';

/** Small video keeps two browsers and Janus within two cores. */
const VIDEO = 'e2e-video=320x180@15';

async function joinAs(participant, baseUrl, room, name) {
  const { page } = participant;
  await page.goto(`${baseUrl}/r/${room}?${VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  const clickedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  return clickedAt;
}

/** Milliseconds from `since` (page clock) to the first frame painted in a remote video. */
function firstRemoteFrame(page, since) {
  return page.evaluate(
    (start) =>
      new Promise((resolve) => {
        const watch = (video) =>
          video.requestVideoFrameCallback((now) => resolve(now - start));
        const existing = document.querySelector('video[data-participant-id][data-source="camera"]');
        if (existing) return watch(existing);
        new MutationObserver((_, observer) => {
          const video = document.querySelector('video[data-participant-id][data-source="camera"]');
          if (video) {
            observer.disconnect();
            watch(video);
          }
        }).observe(document.body, { childList: true, subtree: true });
      }),
    since,
  );
}

describe('A two-person call', () => {
  let parley;
  let browser;
  let ada;
  let bob;
  const room = newRoomId();

  beforeAll(async () => {
    parley = await sharedParley();
    browser = await launchChromium();
    ada = await newParticipant(browser);
    bob = await newParticipant(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('lets both join, see and hear each other through Janus, and removes a leaver’s tile within 2 s', async () => {
    const adaClicked = await joinAs(ada, parley.url, room, 'Ada');
    const adaFirstFrame = firstRemoteFrame(ada.page, adaClicked);
    const bobClicked = await joinAs(bob, parley.url, room, 'Bob');
    const bobFirstFrame = await firstRemoteFrame(bob.page, bobClicked);
    console.log(`\n    join → first remote frame: ${Math.round(bobFirstFrame)} ms (second joiner)`);
    console.log(`    first joiner's wait for the second's video (from its own click): ${Math.round(await adaFirstFrame)} ms`);

    // Each sees the other's tile by name.
    await expectAsync(ada.page.getByRole('group', { name: /Bob/ }).waitFor({ timeout: 20_000 })).toBeResolved();
    await expectAsync(bob.page.getByRole('group', { name: /Ada/ }).waitFor({ timeout: 20_000 })).toBeResolved();

    // Audio packets and decoded video frames keep rising on both sides.
    for (const { page } of [ada, bob]) {
      const before = await mediaCounters(page);
      const after = await waitFor(
        () => mediaCounters(page),
        (now) => now.audioPacketsReceived > before.audioPacketsReceived + 20 && now.videoFramesDecoded > before.videoFramesDecoded + 5,
      );
      expect(after.audioPacketsReceived).toBeGreaterThan(before.audioPacketsReceived + 20);
      expect(after.videoFramesDecoded).toBeGreaterThan(before.videoFramesDecoded + 5);
      const playing = await page.evaluate(() => {
        const video = document.querySelector('video[data-participant-id][data-source="camera"]');
        return video !== null && !video.paused && video.readyState >= 2 && video.videoWidth > 0;
      });
      expect(playing).withContext('the remote video element is playing').toBeTrue();
    }

    // Media goes through Janus: two connected peer connections per page, both answered/offered by Janus (its SDP names the "janus" media stream and cname).
    for (const { page } of [ada, bob]) {
      const pcs = await page.evaluate(() =>
        window.__parleyPcs
          .filter((pc) => pc.connectionState !== 'closed')
          .map((pc) => ({ state: pc.connectionState, remoteSdp: pc.remoteDescription?.sdp ?? '' })),
      );
      expect(pcs.length).toBe(2);
      for (const pc of pcs) {
        expect(pc.state).toBe('connected');
        expect(pc.remoteSdp).toMatch(/^a=msid-semantic: ?WMS janus/m);
        expect(pc.remoteSdp).toMatch(/cname:janus/);
      }
    }

    // Bob leaves; Ada's tile for Bob is gone within 2 s.
    await bob.page.getByRole('button', { name: 'Leave call' }).click();
    const leftAt = Date.now();
    await expectAsync(ada.page.getByRole('group', { name: /Bob/ }).waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    console.log(`    leave → tile gone for the other: ${Date.now() - leftAt} ms`);
    expect(ada.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  }, 90_000);
});
