// e2e-load: call
// Phone and desktop layouts in a real two-person call: at each size the
// controls are on screen with touch targets of at least 44 px, nothing
// scrolls sideways, the grid uses the screen (one or two columns on an
// upright phone), and the chat is a full-screen sheet on a phone but a side
// panel on a desktop. Screenshots of home, lobby, grid and chat at 390×844
// and 1280×800 go to test-results/screenshots (for people to look at).
// A phone with a front and a back camera can flip between them mid-call.
import { newRoomId } from '@parley/protocol';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { LOW_VIDEO, joinRoom, openChat } from './support/chat.mjs';
import { launchChromium, newParticipant, sharedParley, waitFor } from './support/stack.mjs';

const SHOTS = join(ROOT, 'test-results', 'screenshots');

const SIZES = [
  { name: 'phone', width: 390, height: 844, phone: true, shots: true },
  { name: 'small-phone', width: 360, height: 740, phone: true },
  { name: 'phone-landscape', width: 844, height: 390, phone: true },
  { name: 'small-phone-landscape', width: 740, height: 360, phone: true },
  { name: 'laptop', width: 1280, height: 800, shots: true },
  { name: 'desktop', width: 1920, height: 1080 },
];

/** Boxes of the page's interesting parts, in CSS pixels. */
function measure(page) {
  return page.evaluate(() => {
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, right: r.right, bottom: r.bottom };
    };
    const toolbar = document.querySelector('[role="toolbar"][aria-label="Call controls"]');
    const stage = document.querySelector('parley-stage');
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      scrollWidth: document.scrollingElement.scrollWidth,
      toolbar: toolbar ? box(toolbar) : null,
      controls: toolbar ? [...toolbar.querySelectorAll('button')].filter((b) => b.offsetParent !== null).map((b) => ({ name: b.getAttribute('aria-label') ?? b.textContent.trim(), ...box(b) })) : [],
      stage: stage ? box(stage) : null,
      tiles: [...document.querySelectorAll('parley-stage parley-participant-tile')].map(box),
      panel: (() => {
        const panel = document.querySelector('parley-side-panel');
        return panel ? box(panel) : null;
      })(),
    };
  });
}

/** Two cameras for the page: a front one and a back one, both Chromium's fake camera underneath. */
function fakeTwoCameras() {
  const devices = navigator.mediaDevices;
  const enumerate = devices.enumerateDevices.bind(devices);
  const getUserMedia = devices.getUserMedia.bind(devices);
  const cameras = [
    { deviceId: 'front-camera', label: 'camera2 1, facing front', facing: 'user' },
    { deviceId: 'back-camera', label: 'camera2 0, facing back', facing: 'environment' },
  ];
  window.__cameraRequests = [];
  devices.enumerateDevices = async () => {
    const real = (await enumerate()).filter((d) => d.kind !== 'videoinput');
    return [
      ...real,
      ...cameras.map((c) => ({ deviceId: c.deviceId, groupId: c.deviceId, kind: 'videoinput', label: c.label, toJSON: () => ({}) })),
    ];
  };
  devices.getUserMedia = async (constraints) => {
    const video = constraints?.video;
    if (!video) return getUserMedia(constraints);
    const wanted = typeof video === 'object' ? (video.deviceId?.exact ?? video.deviceId?.ideal ?? video.deviceId) : undefined;
    const camera = cameras.find((c) => c.deviceId === wanted) ?? cameras[0];
    window.__cameraRequests.push(camera.deviceId);
    const rest = typeof video === 'object' ? { ...video } : {};
    delete rest.deviceId;
    const stream = await getUserMedia({ ...constraints, video: Object.keys(rest).length ? rest : true });
    for (const track of stream.getVideoTracks()) {
      const settings = track.getSettings.bind(track);
      track.getSettings = () => ({ ...settings(), deviceId: camera.deviceId, facingMode: camera.facing });
    }
    return stream;
  };
}

describe('Phone and desktop layouts', () => {
  let parley;
  let browser;
  let bob;
  const room = newRoomId();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    parley = await sharedParley();
    browser = await launchChromium();
    bob = await newParticipant(browser);
    await joinRoom(bob, parley.url, room, 'Bob');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  }, 30_000);

  /** A participant's context at a size; phones get touch and the mobile viewport. */
  async function visitor(size) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      isMobile: size.phone === true,
      hasTouch: size.phone === true,
      deviceScaleFactor: 1,
    });
    await context.grantPermissions(['camera', 'microphone']);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, errors };
  }

  const shot = (page, size, what) => page.screenshot({ path: join(SHOTS, `${what}-${size.width}x${size.height}.png`) });

  for (const size of SIZES) {
    it(`lays out home, lobby, call and panels at ${size.width}×${size.height} (${size.name})`, async () => {
      const ada = await visitor(size);
      const { page } = ada;
      try {
        await page.goto(`${parley.url}/`);
        await page.getByRole('button', { name: 'Start a new meeting' }).waitFor();
        let m = await measure(page);
        expect(m.scrollWidth).withContext('home scrolls sideways').toBeLessThanOrEqual(m.viewport.width);
        if (size.shots) await shot(page, size, 'home');

        await page.goto(`${parley.url}/r/${room}?${LOW_VIDEO}`);
        await page.locator('video[data-local]').waitFor({ timeout: 15_000 });
        m = await measure(page);
        expect(m.scrollWidth).withContext('lobby scrolls sideways').toBeLessThanOrEqual(m.viewport.width);
        if (size.shots) await shot(page, size, 'lobby');

        await joinRoom(ada, parley.url, room, `Ada ${size.name}`);
        await page.locator('video[data-participant-id][data-source="camera"]').first().waitFor({ timeout: 15_000 });
        m = await waitFor(
          () => measure(page),
          (r) => r.tiles.length === 2 && r.tiles.every((t) => t.width > 0),
          10_000,
        );
        expect(m.tiles.length).withContext('Ada and Bob').toBe(2);
        expect(m.scrollWidth).withContext('call scrolls sideways').toBeLessThanOrEqual(m.viewport.width);
        expect(m.controls.length).toBeGreaterThanOrEqual(7);
        for (const control of m.controls) {
          expect(control.width).withContext(`${control.name} width`).toBeGreaterThanOrEqual(44);
          expect(control.height).withContext(`${control.name} height`).toBeGreaterThanOrEqual(44);
          expect(control.x).withContext(`${control.name} left edge on screen`).toBeGreaterThanOrEqual(0);
          expect(control.right).withContext(`${control.name} right edge on screen`).toBeLessThanOrEqual(m.viewport.width);
          expect(control.bottom).withContext(`${control.name} bottom edge on screen`).toBeLessThanOrEqual(m.viewport.height);
        }
        // The controls sit at the bottom, below the stage.
        expect(m.toolbar.bottom).toBeGreaterThan(m.viewport.height - 40);
        expect(m.toolbar.y).toBeGreaterThanOrEqual(m.stage.bottom - 1);
        // Tiles sit inside the stage and use a fair share of it.
        for (const tile of m.tiles) {
          expect(tile.x).toBeGreaterThanOrEqual(m.stage.x - 1);
          expect(tile.right).toBeLessThanOrEqual(m.stage.right + 1);
          expect(tile.y).toBeGreaterThanOrEqual(m.stage.y - 1);
          expect(tile.bottom).toBeLessThanOrEqual(m.stage.bottom + 1);
        }
        const tileArea = m.tiles.reduce((sum, t) => sum + t.width * t.height, 0);
        expect(tileArea / (m.stage.width * m.stage.height)).withContext('share of the stage the tiles use').toBeGreaterThan(0.4);
        const columns = new Set(m.tiles.map((t) => Math.round(t.x))).size;
        if (size.phone && size.height > size.width) expect(columns).withContext('columns on an upright phone').toBeLessThanOrEqual(2);
        if (size.shots) await shot(page, size, 'grid');

        await openChat(page);
        m = await measure(page);
        if (size.width <= 600) {
          // A full-screen sheet on a phone.
          expect(m.panel).toEqual(jasmine.objectContaining({ x: 0, y: 0, width: m.viewport.width, height: m.viewport.height }));
        } else {
          // Beside the call on anything wider: the stage stays in view.
          expect(Math.round(m.panel.right)).toBe(m.viewport.width);
          expect(m.panel.width).toBeLessThan(m.viewport.width / 2);
          expect(m.stage.width).toBeGreaterThan(200);
          expect(m.stage.right).toBeLessThanOrEqual(m.panel.x + 1);
        }
        expect(m.scrollWidth).toBeLessThanOrEqual(m.viewport.width);
        if (size.shots) await shot(page, size, 'chat');
        await page.getByRole('button', { name: 'Close chat' }).click();
        // Leave for real, so the next size's call has two people again (a closed tab would linger for the resume grace).
        await page.getByRole('button', { name: 'Leave call' }).click();
        await page.getByRole('heading', { name: 'You left the meeting' }).waitFor({ timeout: 20_000 });
        expect(ada.errors).toEqual([]);
      } finally {
        await ada.context.close();
      }
    }, 120_000);
  }

  it('flips a phone between its front and back camera mid-call, and the other side keeps receiving video', async () => {
    const size = SIZES[0];
    const ada = await visitor(size);
    const { page } = ada;
    try {
      await page.addInitScript(fakeTwoCameras);
      await page.addInitScript(() => {
        const Native = window.RTCPeerConnection;
        const created = [];
        window.__parleyPcs = created;
        window.RTCPeerConnection = class extends Native {
          constructor(...args) {
            super(...args);
            created.push(this);
          }
        };
      });
      await joinRoom(ada, parley.url, room, 'Ada flips');
      const flip = page.getByRole('button', { name: 'Switch camera', exact: true });
      await flip.waitFor({ timeout: 15_000 });
      const box = await flip.boundingBox();
      expect(box.width).toBeGreaterThanOrEqual(44);
      const before = await page.evaluate(() => window.__cameraRequests.at(-1));
      expect(before).toBe('front-camera');
      // The own preview is mirrored for the front camera only.
      expect(await page.locator('video[data-local]').evaluate((v) => v.classList.contains('mirrored'))).toBeTrue();

      await flip.tap();
      await waitFor(
        () => page.evaluate(() => window.__cameraRequests.at(-1)),
        (id) => id === 'back-camera',
        10_000,
      );
      await expectAsync(
        page.waitForFunction(() => !document.querySelector('video[data-local]')?.classList.contains('mirrored'), null, { timeout: 20_000 }),
      ).toBeResolved();
      await flip.tap();
      await waitFor(
        () => page.evaluate(() => window.__cameraRequests.at(-1)),
        (id) => id === 'front-camera',
        10_000,
      );
      // Still one publisher connection (replaceTrack, no renegotiation), still sending a live camera.
      const sender = await page.evaluate(() =>
        (window.__parleyPcs ?? [])
          .filter((pc) => pc.connectionState !== 'closed')
          .flatMap((pc) => pc.getSenders())
          .filter((s) => s.track?.kind === 'video')
          .map((s) => s.track.readyState),
      );
      expect(sender).toContain('live');
      const tile = bob.page.getByRole('group', { name: 'Ada flips', exact: true });
      await expectAsync(tile.locator('video').waitFor({ timeout: 15_000 })).toBeResolved();
      await page.getByRole('button', { name: 'Leave call' }).click();
      await page.getByRole('heading', { name: 'You left the meeting' }).waitFor({ timeout: 20_000 });
      expect(ada.errors).toEqual([]);
    } finally {
      await ada.context.close();
    }
  }, 90_000);
});
