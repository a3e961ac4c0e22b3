// e2e-load: call
// Device choice and the participants panel, end to end: switching the camera
// mid-call replaces the track on the same sender (no renegotiation) while the
// other person keeps receiving video; someone who refuses camera and
// microphone still joins; the panel lists everyone with the host badge.
import { newRoomId } from '@parley/protocol';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';

/** Small video keeps two browsers and Janus within two cores. */
const VIDEO = 'e2e-video=320x180@15';

/**
 * Chromium's fake capture lists one camera ("fake_device_0") unless asked
 * for more with `device-count`. The extra cameras differ in pixel format:
 * "fake_device_1" is Y16 (a depth camera), which WebRTC encodes no frames
 * from, and "fake_device_2" is MJPEG, which encodes like a webcam. So three
 * are listed and the switch goes to fake_device_2. (Microphones and
 * speakers come three each either way.)
 */
const SWITCH_TO = 'fake_device_2';
const THREE_CAMERAS = CHROMIUM_ARGS.map((arg) =>
  arg === '--use-fake-device-for-media-stream' ? '--use-fake-device-for-media-stream=device-count=3' : arg,
);

/**
 * Counts, per peer connection, the offers it creates and the offers it is
 * given, and keeps every track getUserMedia hands out, so the test can tell
 * a replaceTrack from a renegotiation and see the old camera stop.
 */
function recordNegotiationsAndTracks() {
  const proto = RTCPeerConnection.prototype;
  const createOffer = proto.createOffer;
  proto.createOffer = function (...args) {
    this.__offersCreated = (this.__offersCreated ?? 0) + 1;
    return createOffer.apply(this, args);
  };
  const setRemoteDescription = proto.setRemoteDescription;
  proto.setRemoteDescription = function (description, ...rest) {
    if (description?.type === 'offer') this.__offersReceived = (this.__offersReceived ?? 0) + 1;
    return setRemoteDescription.call(this, description, ...rest);
  };
  window.__parleyTracks = [];
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    window.__parleyTracks.push(...stream.getTracks());
    return stream;
  };
}

async function joinAs(participant, baseUrl, room, name) {
  const { page } = participant;
  await page.goto(`${baseUrl}/r/${room}?${VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 15_000 });
}

/** The open peer connections: the publisher sends, the subscriber receives offers from Janus. */
function peerConnections(page) {
  return page.evaluate(() =>
    window.__parleyPcs
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => {
        const video = pc.getSenders().find((s) => s.track?.kind === 'video' || s.track === null);
        return {
          role: pc.getSenders().some((s) => s.track) ? 'publisher' : 'subscriber',
          state: pc.connectionState,
          offersCreated: pc.__offersCreated ?? 0,
          offersReceived: pc.__offersReceived ?? 0,
          localSdp: pc.localDescription?.sdp ?? '',
          videoLabel: pc.getSenders().find((s) => s.track?.kind === 'video')?.track?.label ?? (video ? null : undefined),
        };
      }),
  );
}

const publisherOf = async (page) => (await peerConnections(page)).find((pc) => pc.role === 'publisher');
const subscriberOf = async (page) => (await peerConnections(page)).find((pc) => pc.role === 'subscriber');

/** Waits until decoded video frames rise by `frames` on `page`; returns the counters before and after. */
async function videoKeepsFlowing(page, frames = 15) {
  const before = await mediaCounters(page);
  const after = await waitFor(
    () => mediaCounters(page),
    (now) => now.videoFramesDecoded >= before.videoFramesDecoded + frames,
    15_000,
  );
  return { before: before.videoFramesDecoded, after: after.videoFramesDecoded };
}

describe('Devices and participants', () => {
  let parley;
  let browser;
  let ada;
  let bob;
  const room = newRoomId();

  beforeAll(async () => {
    parley = await startParley();
    browser = await chromium.launch({ executablePath: process.env.CHROME_BIN ?? '/usr/bin/chromium', args: THREE_CAMERAS });
    ada = await newParticipant(browser);
    bob = await newParticipant(browser);
    await ada.context.addInitScript(recordNegotiationsAndTracks);
    await bob.context.addInitScript(recordNegotiationsAndTracks);
    await joinAs(ada, parley.url, room, 'Ada');
    await joinAs(bob, parley.url, room, 'Bob');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  it('switches the camera mid-call with replaceTrack: no renegotiation, and the other keeps receiving video', async () => {
    const cameras = await ada.page.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').map((d) => d.label),
    );
    console.log(`\n    fake cameras: ${JSON.stringify(cameras)}`);
    expect(cameras).toEqual(['fake_device_0', 'fake_device_1', 'fake_device_2']);

    // Both sides are connected and Bob receives Ada's video.
    await waitFor(() => publisherOf(ada.page), (pc) => pc?.state === 'connected');
    const flowingBefore = await videoKeepsFlowing(bob.page);
    expect(flowingBefore.after).toBeGreaterThan(flowingBefore.before);
    const adaBefore = await publisherOf(ada.page);
    const bobBefore = await subscriberOf(bob.page);
    expect(adaBefore.videoLabel).toBe('fake_device_0');

    // Ada opens Settings and picks the other camera.
    const settingsButton = ada.page.getByRole('button', { name: 'Settings', exact: true });
    await settingsButton.click();
    const dialog = ada.page.getByRole('dialog', { name: 'Settings' });
    await expectAsync(dialog.waitFor({ timeout: 20_000 })).toBeResolved();
    const cameraPicker = dialog.getByLabel('Camera', { exact: true });
    expect(await cameraPicker.inputValue()).not.toBe('');
    const switchedAt = Date.now();
    await cameraPicker.selectOption({ label: SWITCH_TO });
    const adaAfter = await waitFor(() => publisherOf(ada.page), (pc) => pc?.videoLabel === SWITCH_TO, 20_000);
    console.log(`    camera switch → new track on the sender: ${Date.now() - switchedAt} ms`);
    expect(adaAfter.videoLabel).toBe(SWITCH_TO);

    // Same sender, same negotiation: no new offer, the same local description, still connected.
    expect(adaAfter.offersCreated).toBe(adaBefore.offersCreated);
    expect(adaAfter.localSdp).toBe(adaBefore.localSdp);
    expect(adaAfter.state).toBe('connected');
    // The old camera was stopped.
    const oldCamera = await ada.page.evaluate(() =>
      window.__parleyTracks.filter((t) => t.kind === 'video' && t.label === 'fake_device_0').map((t) => t.readyState),
    );
    expect(oldCamera.length).toBeGreaterThan(0);
    expect(oldCamera.every((state) => state === 'ended')).toBeTrue();

    // Bob keeps decoding Ada's video, without a new subscriber offer.
    const flowingAfter = await videoKeepsFlowing(bob.page);
    console.log(`    Bob's decoded frames after the switch: ${flowingAfter.before} → ${flowingAfter.after}`);
    expect(flowingAfter.after).toBeGreaterThanOrEqual(flowingAfter.before + 15);
    const bobAfter = await subscriberOf(bob.page);
    expect(bobAfter.offersReceived).toBe(bobBefore.offersReceived);
    expect(bobAfter.state).toBe('connected');

    // The choice is remembered by id and label.
    const remembered = await ada.page.evaluate(() => JSON.parse(localStorage.getItem('parley.devices') ?? '{}'));
    expect(remembered.camera?.label).toBe(SWITCH_TO);

    // Escape closes the dialog and focus returns to the Settings button.
    await ada.page.keyboard.press('Escape');
    await expectAsync(dialog.waitFor({ state: 'hidden', timeout: 20_000 })).toBeResolved();
    expect(await ada.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Settings');
    expect(ada.errors).toEqual([]);
  }, 90_000);

  it('lists both people in the participants panel, oneself first, with the host badge on the first joiner', async () => {
    const toggle = bob.page.getByRole('button', { name: /^Participants/ });
    expect(await toggle.getAttribute('aria-label')).toBe('Participants, 2');
    await toggle.click();
    const panel = bob.page.getByRole('complementary', { name: /Participants/ });
    await expectAsync(panel.waitFor({ timeout: 20_000 })).toBeResolved();
    const rows = await panel.getByRole('listitem').evaluateAll((items) =>
      items.map((li) => ({
        name: li.querySelector('.name')?.textContent,
        you: li.querySelector('.you') !== null,
        host: li.querySelector('[data-host]') !== null,
      })),
    );
    expect(rows).toEqual([
      { name: 'Bob', you: true, host: false },
      { name: 'Ada', you: false, host: true },
    ]);
    await expectAsync(panel.getByRole('button', { name: 'Close participants' }).waitFor()).toBeResolved();

    // Escape closes it and gives focus back to the button.
    await bob.page.keyboard.press('Escape');
    await expectAsync(panel.waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    expect(await bob.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Participants, 2');
    expect(bob.errors).toEqual([]);
  }, 30_000);

  it('lets someone who refuses camera and microphone join as a viewer, telling them why', async () => {
    // No fake permission UI and no grant: Chromium refuses getUserMedia (NotAllowedError), as a "Block" would.
    const refusing = await chromium.launch({
      executablePath: process.env.CHROME_BIN ?? '/usr/bin/chromium',
      args: THREE_CAMERAS.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
    });
    try {
      const context = await refusing.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${parley.url}/r/${room}?${VIDEO}`);
      const alerts = page.getByRole('alert');
      await expectAsync(alerts.first().waitFor({ timeout: 20_000 })).toBeResolved();
      const texts = await alerts.allTextContents();
      expect(texts.join(' ')).toContain('Parley is not allowed to use your microphone');
      expect(texts.join(' ')).toContain('Parley is not allowed to use your camera');
      expect(await page.getByText('You can still join').count()).toBe(1);

      await page.getByLabel('Your name').fill('Cy');
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 15_000 });
      // Cy sees the others' video play (frames counted by the video element); Ada sees Cy in the meeting.
      const framesShown = () =>
        page.evaluate(() => {
          const video = document.querySelector('video[data-participant-id][data-source="camera"]');
          return video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
        });
      const shown = await waitFor(framesShown, (frames) => frames > 10);
      expect(shown).toBeGreaterThan(10);
      await expectAsync(ada.page.getByRole('group', { name: /Cy/ }).waitFor({ timeout: 20_000 })).toBeResolved();
      expect(await ada.page.getByRole('button', { name: /^Participants/ }).getAttribute('aria-label')).toBe('Participants, 3');
      expect(errors).toEqual([]);
      // Leave for real, so the other specs (in any order) see two people again.
      await page.getByRole('button', { name: 'Leave call' }).click();
      await expectAsync(ada.page.getByRole('group', { name: /Cy/ }).waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    } finally {
      await refusing.close();
    }
  }, 60_000);
});
