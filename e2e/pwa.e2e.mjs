// e2e-load: light
// The installable app, for real: the manifest and its images as the gateway
// serves them, the initial JavaScript's gzipped size, the service worker
// opening the app without a network, and a new deployment announced by the
// worker ("New version available — Reload"), held back during a call.
//
// The update is a real one: the gateway serves a copy of the built client
// (so the shared dist/ is never touched); the test changes that copy's
// index.html and regenerates its ngsw.json with Angular's own ngsw-config,
// which is what a new deployment looks like to the worker. The worker finds
// it by itself after a navigation and reports VERSION_READY to every tab.
import { newRoomId } from '@parley/protocol';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { joinRoom } from './support/chat.mjs';
import { CLIENT_BUILD_DIR, launchChromium, startParley, waitFor } from './support/stack.mjs';

/** The budget for the JavaScript a first visit downloads before anything shows. */
const INITIAL_JS_GZIP_LIMIT = 150_000;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buffer) {
  const signature = buffer.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return `${buffer.readUInt32BE(16)}x${buffer.readUInt32BE(20)}`;
}

/**
 * Resolves once the page is controlled by the Angular worker and the worker
 * has cached every file of its prefetched groups (what ngsw.json lists):
 * only then can it start the app without a network. (Its debug page names
 * the version before the last of those downloads finishes.)
 */
async function waitForOfflineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
  await page.waitForFunction(
    async () => {
      const manifest = await (await fetch('/ngsw.json', { cache: 'no-store' })).json();
      const wanted = manifest.assetGroups.filter((group) => group.installMode === 'prefetch').flatMap((group) => group.urls);
      const cached = new Set();
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) cached.add(new URL(request.url).pathname);
      }
      return wanted.length > 0 && wanted.every((url) => cached.has(url));
    },
    null,
    { timeout: 90_000, polling: 500 },
  );
}

describe('Installable PWA', () => {
  let parley;
  let browser;
  let clientDir;

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'parley-pwa-client-'));
    cpSync(CLIENT_BUILD_DIR, clientDir, { recursive: true });
    parley = await startParley({ CLIENT_DIR: clientDir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
    if (clientDir) rmSync(clientDir, { recursive: true, force: true });
  }, 30_000);

  it('serves a complete web manifest whose icons and screenshots exist at their stated sizes', async () => {
    const index = await (await fetch(`${parley.url}/`)).text();
    expect(index).toContain('<link rel="manifest" href="manifest.webmanifest"');
    const response = await fetch(`${parley.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    const manifest = await response.json();
    expect(manifest.name).toBe('Parley');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.description).toBeTruthy();
    expect(manifest.start_url).toBe('/');
    expect(manifest.scope).toBe('/');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

    const pngIcons = manifest.icons.filter((icon) => icon.type === 'image/png');
    const purposes = (icon) => (icon.purpose ?? 'any').split(' ');
    expect(pngIcons.some((icon) => icon.sizes === '192x192' && purposes(icon).includes('any'))).withContext('192 px icon').toBeTrue();
    expect(pngIcons.some((icon) => icon.sizes === '512x512' && purposes(icon).includes('any'))).withContext('512 px icon').toBeTrue();
    expect(pngIcons.some((icon) => purposes(icon).includes('maskable'))).withContext('maskable icon').toBeTrue();

    const forms = manifest.screenshots.map((shot) => shot.form_factor);
    expect(forms).toContain('wide');
    expect(forms).toContain('narrow');
    for (const image of [...pngIcons, ...manifest.screenshots]) {
      const file = await fetch(new URL(image.src, `${parley.url}/manifest.webmanifest`));
      expect(file.status).withContext(image.src).toBe(200);
      expect(file.headers.get('content-type')).withContext(image.src).toBe('image/png');
      expect(pngSize(Buffer.from(await file.arrayBuffer()))).withContext(image.src).toBe(image.sizes);
    }
  });

  it('keeps the initial JavaScript within 150 kB gzipped', async () => {
    const index = await (await fetch(`${parley.url}/`)).text();
    const scripts = [...index.matchAll(/<(?:script|link rel="modulepreload")[^>]*(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    let raw = 0;
    let gzipped = 0;
    for (const script of scripts) {
      const body = Buffer.from(await (await fetch(`${parley.url}/${script}`)).arrayBuffer());
      raw += body.length;
      gzipped += gzipSync(body, { level: 9 }).length;
    }
    console.log(`Initial JavaScript: ${scripts.length} files, ${(raw / 1000).toFixed(1)} kB raw, ${(gzipped / 1000).toFixed(1)} kB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_GZIP_LIMIT);
  });

  it('registers the service worker, and without a network a reload opens the offline screen, not the browser error page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${parley.url}/`);
      await page.getByRole('button', { name: 'Start a new meeting' }).waitFor();
      await waitForOfflineReady(page);

      await context.setOffline(true);
      // The emulated network goes down for the page and its worker one after the other: wait until the page sees it.
      await page.waitForFunction(() => !navigator.onLine);
      await page.reload();
      await expectAsync(page.getByRole('heading', { name: "You're offline" }).waitFor({ timeout: 15_000 })).toBeResolved();
      expect(page.url()).toBe(`${parley.url}/`);
      expect(await page.getByText('Parley needs a connection to join a meeting').count()).toBe(1);

      // A meeting link opened offline (never visited before) gets the same screen.
      await page.goto(`${parley.url}/r/${newRoomId()}`);
      await expectAsync(page.getByRole('heading', { name: "You're offline" }).waitFor({ timeout: 15_000 })).toBeResolved();

      // The network comes back: the screen goes by itself, and the lobby it hid shows.
      await context.setOffline(false);
      await expectAsync(page.getByLabel('Your name').waitFor({ timeout: 15_000 })).toBeResolved();
      expect(await page.getByRole('heading', { name: "You're offline" }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);

  it('says "New version available" once a new version is deployed, but only after the call ends, and "Reload" loads it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['camera', 'microphone']);
    const inCall = await context.newPage();
    const prompt = (page) => page.locator('[data-update-prompt]');
    try {
      // Install the worker, then hold a call in one tab.
      await inCall.goto(`${parley.url}/`);
      await waitForOfflineReady(inCall);
      await joinRoom({ page: inCall }, parley.url, newRoomId(), 'Ada');
      // The worker keeps the app shell only: nothing of the call (Socket.IO polling, media) lands in its caches.
      const cached = await inCall.evaluate(async () => {
        const paths = [];
        // Angular names the caches of responses ngsw:<scope>:<hash>:assets:<group>:cache and …:data:<group>:cache.
        for (const name of (await caches.keys()).filter((key) => /:(assets|data):/.test(key))) {
          for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
        }
        return paths;
      });
      expect(cached.length).toBeGreaterThan(0);
      expect(cached.filter((path) => !/^\/([\w-]+\.(js|css|html|webmanifest)|icons\/[\w-]+\.(png|svg))$/.test(path))).toEqual([]);

      // Deploy: a changed index.html and the worker manifest Angular's CLI would write for it.
      const marker = `deployed-${Date.now()}`;
      const indexFile = join(clientDir, 'index.html');
      writeFileSync(indexFile, readFileSync(indexFile, 'utf8').replace('</head>', `<meta name="parley-build" content="${marker}"></head>`));
      // ngsw-config resolves its arguments against the working directory.
      execFileSync(process.execPath, ['node_modules/@angular/service-worker/ngsw-config.js', relative(ROOT, clientDir), 'client/ngsw-config.json', '/'], { cwd: ROOT });

      // A second tab navigates: the worker checks for updates after a navigation and tells every tab.
      const home = await context.newPage();
      await home.goto(`${parley.url}/`);
      await expectAsync(prompt(home).waitFor({ timeout: 90_000 })).toBeResolved();
      expect(await prompt(home).textContent()).toContain('New version available');
      expect(await prompt(inCall).count()).withContext('no prompt during the call').toBe(0);
      await home.close();

      // The call ends: now the prompt shows, and Reload brings the new version.
      await inCall.getByRole('button', { name: 'Leave call' }).click();
      await inCall.getByRole('heading', { name: 'You left the meeting' }).waitFor({ timeout: 20_000 });
      await expectAsync(prompt(inCall).waitFor({ timeout: 20_000 })).toBeResolved();
      await Promise.all([inCall.waitForNavigation(), inCall.getByRole('button', { name: 'Reload' }).click()]);
      const served = await waitFor(
        () => inCall.locator('meta[name="parley-build"]').getAttribute('content').catch(() => null),
        (value) => value === marker,
        15_000,
      );
      expect(served).toBe(marker);
      expect(await prompt(inCall).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);
});
