// e2e-load: call
// Firefox and Chromium in one call, for real: Debian's Firefox ESR (driven by
// puppeteer-core over WebDriver BiDi) and Chromium (playwright-core) meet
// through Janus, see and hear each other, chat both ways, toggle their
// devices; a Firefox publisher's simulcast layers follow a Chromium viewer's
// tile size; and a page that cannot hold a call says why instead of showing a lobby.
import { newRoomId } from '@parley/protocol';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../scripts/lib/gateway.mjs';
import {
  VIDEO,
  VIEWER_VIDEO,
  PUBLISHED,
  joinFirefox,
  clickFirefox,
  joinChromium,
  remoteVideoPlaying,
  expectMediaFlowing,
  receiveRates,
  sendFromFirefox,
  hasMessage,
} from './support/cross-browser.mjs';
import { launchFirefox, newFirefoxParticipant } from './support/firefox.mjs';
import { outboundLayers, receivedWidth } from './support/layers.mjs';
import { CHROMIUM_ARGS, launchChromium, newParticipant, startParley, waitFor } from './support/stack.mjs';

/** Screenshots for people to look at (not compared). */
const SHOTS = join(ROOT, 'test-results');

describe('Firefox and Chromium in one call', () => {
  let parley;
  let firefox;
  let browser;
  const opened = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    parley = await startParley();
    firefox = await launchFirefox();
    browser = await launchChromium();
    console.log(`\n    ${await firefox.version()} with ${browser.version()}`);
  }, 90_000);

  afterEach(async () => {
    for (const participant of opened.splice(0)) await participant.context.close().catch(() => undefined);
  });

  afterAll(async () => {
    await firefox?.close();
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  async function foxParticipant() {
    const participant = await newFirefoxParticipant(firefox);
    opened.push(participant);
    return participant;
  }
  async function chromeParticipant() {
    const participant = await newParticipant(browser);
    opened.push(participant);
    return participant;
  }

  it('lets a Firefox and a Chromium user see and hear each other, chat both ways, and removes the Firefox leaver’s tile', async () => {
    const room = newRoomId();
    const fox = await foxParticipant();
    const chris = await chromeParticipant();
    await joinFirefox(fox, parley.url, room, 'Fox');
    await joinChromium(chris, parley.url, room, 'Chris');

    await fox.page.waitForSelector('::-p-aria(Chris[role="group"])', { timeout: 20_000 });
    await chris.page.getByRole('group', { name: 'Fox', exact: true }).waitFor({ timeout: 20_000 });

    await expectMediaFlowing(fox.page, 'Firefox');
    await expectMediaFlowing(chris.page, 'Chromium');
    const [inFirefox, inChromium] = await Promise.all([receiveRates(fox.page), receiveRates(chris.page)]);
    console.log(
      `    Firefox receives ${inFirefox.audio} audio packets/s and decodes ${inFirefox.video} frames/s; ` +
        `Chromium ${inChromium.audio} packets/s, ${inChromium.video} frames/s (each sends 320×180 at up to 15 fps)`,
    );
    expect(await waitFor(() => remoteVideoPlaying(fox.page, 'Chris'), Boolean)).withContext('Chris plays in Firefox').toBeTrue();
    expect(await waitFor(() => remoteVideoPlaying(chris.page, 'Fox'), Boolean)).withContext('Fox plays in Chromium').toBeTrue();

    // Firefox publishes simulcast too, and tells the gateway the order its offer lists the layers in.
    const foxOffer = await fox.page.evaluate(() => window.__parleyPcs.find((pc) => pc.signalingState !== 'closed' && pc.localDescription?.type === 'offer')?.localDescription?.sdp ?? '');
    expect(foxOffer).toMatch(/^a=simulcast:send h;m;l/m);

    await fox.page.screenshot({ path: join(SHOTS, 'firefox-call.png') });

    // Chat both ways.
    await sendFromFirefox(fox.page, 'Hello from Firefox');
    await chris.page.getByRole('button', { name: /^Chat/ }).click();
    expect(await waitFor(() => hasMessage(chris.page, 'Hello from Firefox'), Boolean)).withContext('Chromium got the Firefox message').toBeTrue();
    const composer = chris.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello from Chromium');
    await composer.press('Enter');
    expect(await waitFor(() => hasMessage(fox.page, 'Hello from Chromium'), Boolean)).withContext('Firefox got the Chromium message').toBeTrue();

    // Fox leaves; Chris's tile for Fox is gone within 2 s.
    await clickFirefox(fox.page, 'Leave call');
    const leftAt = Date.now();
    await expectAsync(chris.page.getByRole('group', { name: 'Fox', exact: true }).waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    console.log(`    Firefox leaves → tile gone in Chromium: ${Date.now() - leftAt} ms`);
    expect(fox.errors).toEqual([]);
    expect(chris.errors).toEqual([]);
  }, 120_000);

  it('carries Firefox’s microphone mute and camera off and on to the Chromium user', async () => {
    const room = newRoomId();
    const fox = await foxParticipant();
    const chris = await chromeParticipant();
    await joinFirefox(fox, parley.url, room, 'Fox');
    await joinChromium(chris, parley.url, room, 'Chris');
    const foxTile = chris.page.getByRole('group', { name: 'Fox', exact: true });
    await foxTile.waitFor({ timeout: 20_000 });
    expect(await waitFor(() => remoteVideoPlaying(chris.page, 'Fox'), Boolean)).toBeTrue();

    await clickFirefox(fox.page, 'Mute microphone');
    await expectAsync(foxTile.getByText('Microphone muted').first().waitFor({ timeout: 20_000 })).toBeResolved();
    await clickFirefox(fox.page, 'Turn off camera');
    await expectAsync(foxTile.locator('video[data-source="camera"]').waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();

    await clickFirefox(fox.page, 'Turn on camera');
    await clickFirefox(fox.page, 'Unmute microphone');
    expect(await waitFor(() => remoteVideoPlaying(chris.page, 'Fox'), Boolean)).withContext('Fox’s video back in Chromium').toBeTrue();
    await expectAsync(foxTile.getByText('Microphone muted').first().waitFor({ state: 'detached', timeout: 20_000 })).toBeResolved();
    await expectMediaFlowing(chris.page, 'Chromium after Firefox unmuted');
    expect(fox.errors).toEqual([]);
    expect(chris.errors).toEqual([]);
  }, 90_000);

  it('brings a Firefox and a Chromium user back together after a gateway restart, without a click or a reload', async () => {
    const room = newRoomId();
    const fox = await foxParticipant();
    const chris = await chromeParticipant();
    await joinFirefox(fox, parley.url, room, 'Fox');
    await joinChromium(chris, parley.url, room, 'Chris');
    expect(await waitFor(() => remoteVideoPlaying(fox.page, 'Chris'), Boolean)).toBeTrue();
    expect(await waitFor(() => remoteVideoPlaying(chris.page, 'Fox'), Boolean)).toBeTrue();
    const ids = (page) =>
      page.evaluate(() => [...document.querySelectorAll('[role="group"][data-participant-id]')].map((t) => t.getAttribute('data-participant-id')).sort());
    const idsBefore = await ids(fox.page);
    for (const { page } of [fox, chris]) await page.evaluate(() => (window.__notReloaded = true));

    const restartAt = Date.now();
    await parley.restart();
    // Both pages drop their old peer connections and publish again; wait for the new ones to carry video.
    const fresh = (page) => page.evaluate(() => window.__parleyPcs.filter((pc) => pc.connectionState === 'connected').length === 2 && window.__parleyPcs.length > 2);
    expect(await waitFor(() => fresh(fox.page), Boolean, 25_000)).withContext('Firefox reconnected with new peer connections').toBeTrue();
    expect(await waitFor(() => fresh(chris.page), Boolean, 25_000)).withContext('Chromium reconnected with new peer connections').toBeTrue();
    expect(await waitFor(() => remoteVideoPlaying(fox.page, 'Chris'), Boolean, 20_000)).toBeTrue();
    expect(await waitFor(() => remoteVideoPlaying(chris.page, 'Fox'), Boolean, 20_000)).toBeTrue();
    await expectMediaFlowing(fox.page, 'Firefox after the restart');
    await expectMediaFlowing(chris.page, 'Chromium after the restart');
    console.log(`    gateway restart → Firefox and Chromium hear and see each other again: ${Date.now() - restartAt} ms`);
    expect(await ids(fox.page)).withContext('same participant ids in Firefox').toEqual(idsBefore);
    for (const { page } of [fox, chris]) expect(await page.evaluate(() => window.__notReloaded)).toBeTrue();
    // Firefox reports each WebSocket refused while the gateway was down as a script error; those are expected here.
    expect(fox.errors.filter((message) => !/can.t establish a connection to the server at ws:/.test(message))).toEqual([]);
    expect(chris.errors).toEqual([]);
  }, 120_000);

  it('shows a Chromium user’s shared screen to a Firefox user, as its own tile, until it stops', async () => {
    const room = newRoomId();
    const fox = await foxParticipant();
    const chris = await chromeParticipant();
    await joinFirefox(fox, parley.url, room, 'Fox', VIEWER_VIDEO);
    await joinChromium(chris, parley.url, room, 'Chris', VIEWER_VIDEO);
    const chrisId = await chris.page.locator('[data-self="true"]').first().getAttribute('data-participant-id');

    await chris.page.getByRole('button', { name: 'Share screen' }).click();
    await fox.page.waitForSelector(`parley-shared-screen[data-screen-of="${chrisId}"]`, { timeout: 30_000 });
    // The screen's <video> plays in Firefox and its decoded frames keep coming.
    const screen = (id) =>
      fox.page.evaluate(async (who) => {
        const video = document.querySelector(`video[data-participant-id="${who}"][data-source="screen"]`);
        const track = video?.srcObject?.getVideoTracks?.()[0];
        if (!video || !track) return null;
        let frames = 0;
        for (const pc of window.__parleyPcs) {
          if (pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video' && s.trackIdentifier === track.id) frames = s.framesDecoded ?? 0;
          });
        }
        return { playing: !video.paused && video.readyState >= 2 && video.videoWidth > 0, width: video.videoWidth, frames };
      }, id);
    const first = await waitFor(() => screen(chrisId), (s) => s !== null && s.playing && s.frames > 0, 30_000, 250);
    const later = await waitFor(() => screen(chrisId), (s) => s !== null && s.frames > (first?.frames ?? 0) + 5, 15_000, 250);
    console.log(`    Firefox shows Chromium's screen at ${later?.width} px wide, frames decoded ${first?.frames} → ${later?.frames}`);
    expect(first?.playing).withContext('the screen plays in Firefox').toBeTrue();
    expect(later?.frames).withContext('screen frames keep coming').toBeGreaterThan((first?.frames ?? 0) + 5);
    await fox.page.screenshot({ path: join(SHOTS, 'firefox-viewing-share.png') });

    await chris.page.getByRole('button', { name: 'Stop sharing' }).click();
    await fox.page.waitForSelector(`parley-shared-screen[data-screen-of="${chrisId}"]`, { hidden: true, timeout: 20_000 });
    // The screen's m-line going inactive renegotiates the subscriber; the camera's element may stall for a moment.
    expect(await waitFor(() => remoteVideoPlaying(fox.page, 'Chris'), Boolean)).withContext('Chris’s camera still plays').toBeTrue();
    expect(fox.errors).toEqual([]);
    expect(chris.errors).toEqual([]);
  }, 120_000);

  it('sends a Chromium viewer the small layer of a Firefox publisher in a small tile and the full one in a large tile', async () => {
    const room = newRoomId();
    const fox = await foxParticipant();
    const small = await chromeParticipant();
    const large = await chromeParticipant();
    await joinFirefox(fox, parley.url, room, 'Fox', `e2e-video=${PUBLISHED.width}x${PUBLISHED.height}@15`);
    // A phone-sized window in the grid: Fox's tile is about 180 px wide.
    await small.page.setViewportSize({ width: 400, height: 420 });
    await joinChromium(small, parley.url, room, 'Sam', VIEWER_VIDEO);
    // A laptop window in the speaker layout: Fox (the first other person) is the large tile.
    await joinChromium(large, parley.url, room, 'Lee', VIEWER_VIDEO);
    await large.page.getByRole('button', { name: 'Speaker layout' }).click();
    await large.page.locator('[data-featured="true"][aria-label="Fox"]').waitFor({ timeout: 20_000 });

    // Firefox scales every layer down for a while when the CPU is busy (two cores, three browsers): wait for the full size.
    const layers = await waitFor(
      () => outboundLayers(fox.page),
      (l) =>
        Object.values(l).filter((layer) => layer.framesSent > 0).length === 3 &&
        l.h?.width === PUBLISHED.width &&
        l.m?.width === PUBLISHED.width / 2 &&
        l.l?.width === PUBLISHED.width / 4,
      30_000,
      500,
    );
    console.log(`    Firefox's layers (rid: sent size): ${Object.entries(layers).map(([rid, l]) => `${rid} ${l.width}×${l.height}`).join(', ')}`);
    expect(Object.values(layers).filter((layer) => layer.framesSent > 0).length).withContext('layers Firefox sends').toBe(3);
    expect(layers.h?.width).withContext('rid h is the full-size layer').toBe(PUBLISHED.width);
    expect(layers.m?.width).withContext('rid m is half size').toBe(PUBLISHED.width / 2);
    expect(layers.l?.width).withContext('rid l is quarter size').toBe(PUBLISHED.width / 4);

    const quarter = PUBLISHED.width / 4;
    const smallWidth = await waitFor(() => receivedWidth(small.page, 'Fox'), (w) => w > 0 && w <= quarter * 1.1, 25_000, 500);
    const largeWidth = await waitFor(() => receivedWidth(large.page, 'Fox'), (w) => w === PUBLISHED.width, 25_000, 500);
    console.log(`    Chromium, small tile: ${smallWidth} px wide frames; large tile: ${largeWidth} px`);
    expect(smallWidth).withContext('frame width in the small tile').toBeGreaterThan(0);
    expect(smallWidth).withContext('frame width in the small tile').toBeLessThanOrEqual(quarter * 1.1);
    expect(largeWidth).withContext('frame width in the large tile').toBe(PUBLISHED.width);

    // Back to the grid: Fox's tile shrinks and the layer follows.
    // Generous: with a core kept busy Firefox may pause its lower layers for a while, and Janus can only switch to a layer that flows.
    await large.page.getByRole('button', { name: 'Grid layout' }).click();
    const gridAt = Date.now();
    const gridWidth = await waitFor(() => receivedWidth(large.page, 'Fox'), (w) => w > 0 && w < PUBLISHED.width, 45_000, 500);
    console.log(`    same viewer in the grid: ${gridWidth} px, ${Date.now() - gridAt} ms after the switch`);
    expect(gridWidth).toBeLessThan(PUBLISHED.width);
    for (const { errors } of [fox, small, large]) expect(errors).toEqual([]);
  }, 210_000);

  it('asks a Firefox user whose browser blocks audible autoplay to tap, and then plays the call’s sound', async () => {
    // Audible media may start only inside a user's input handler (as Safari does once the Join click is
    // a few seconds old); muted video still autoplays. Remote audio arrives long after the Join click.
    const strict = await launchFirefox({ 'media.autoplay.default': 1, 'media.autoplay.blocking_policy': 2 });
    try {
      const room = newRoomId();
      const chris = await chromeParticipant();
      await joinChromium(chris, parley.url, room, 'Chris', VIEWER_VIDEO);
      const fox = await newFirefoxParticipant(strict);
      await joinFirefox(fox, parley.url, room, 'Fox', VIEWER_VIDEO);

      const prompt = await fox.page.waitForSelector('::-p-aria(Tap to enable sound[role="button"])', { timeout: 15_000 });
      const audioPaused = () => fox.page.evaluate(() => document.querySelector('audio[data-source="microphone"]')?.paused ?? null);
      expect(await audioPaused()).withContext('remote audio held back').toBeTrue();
      expect(await waitFor(() => remoteVideoPlaying(fox.page, 'Chris'), Boolean)).withContext('muted video still plays').toBeTrue();
      await fox.page.screenshot({ path: join(SHOTS, 'firefox-autoplay-blocked.png') });

      await prompt.click();
      expect(await waitFor(audioPaused, (paused) => paused === false, 20_000)).withContext('remote audio plays after the tap').toBeFalse();
      expect(await fox.page.$('[data-autoplay-unlock]')).withContext('the prompt is gone').toBeNull();
      await expectMediaFlowing(fox.page, 'Firefox after the tap');
      expect(fox.errors).toEqual([]);
    } finally {
      await strict.close();
    }
  }, 90_000);

  it('shows an insecure page what is missing and what to use, in Chromium and Firefox', async () => {
    // parley.test resolves to the gateway's loopback address but, unlike localhost, is not a secure origin.
    const insecureChromium = await chromium.launch({
      executablePath: process.env.CHROME_BIN ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP parley.test 127.0.0.1'],
    });
    try {
      const page = await insecureChromium.newPage({ viewport: { width: 900, height: 700 } });
      const url = `http://parley.test:${parley.port}/r/${newRoomId()}`;
      await page.goto(url);
      await page.locator('[data-unsupported]').waitFor({ timeout: 20_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("This browser can't join the meeting");
      expect(await page.locator('[data-missing]').evaluateAll((items) => items.map((i) => i.getAttribute('data-missing')))).toEqual(['secure-context']);
      expect(await page.getByRole('link', { name: /^https:\/\/parley\.test/ }).count()).toBe(1);
      expect(await page.getByLabel('Your name').count()).withContext('no lobby on an insecure page').toBe(0);
      await page.screenshot({ path: join(SHOTS, 'unsupported-insecure-chromium.png') });
    } finally {
      await insecureChromium.close();
    }

    const fox = await foxParticipant();
    await fox.page.goto(`http://parley.test:${parley.port}/r/${newRoomId()}`);
    await fox.page.waitForSelector('[data-unsupported]', { timeout: 20_000 });
    const missing = await fox.page.$$eval('[data-missing]', (items) => items.map((i) => i.getAttribute('data-missing')));
    expect(missing).toEqual(['secure-context']);
    expect(fox.errors).toEqual([]);
  }, 60_000);
});
