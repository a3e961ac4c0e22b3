// 5. The client: what a first visit downloads (initial JS, gzipped, read from
// dist/client/browser/index.html) and what loads later (lazy chunks), and the
// lobby's time to interactive on a throttled profile (Chromium's own CPU and
// network throttling through CDP: a mid-range phone on a slow 4G link).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { newRoomId } from '@parley/protocol';
import { DEMO_DIR } from './lib/demo-server.mjs';
import { benchChromium, benchGateway, benchJanus, clientDir, withStack } from './lib/stack.mjs';
import { firstLine, fmt, kib, median } from './lib/stats.mjs';


/** Lighthouse's mobile profile values, applied as DevTools throttling (not Lighthouse's simulation). */
export const THROTTLING = Object.freeze({
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadKbps: 1_638.4,
  uploadKbps: 750,
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
});
/** No long task (≥ 50 ms) for this long after the lobby is ready = interactive. */
const QUIET_MS = 5_000;

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

export function bundleSizes(dir = clientDir()) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = [
    ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]),
  ];
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g)].map((m) => m[1]);
  const workers = new Set(['ngsw-worker.js', 'safety-worker.js', 'worker-basic.min.js']);
  const file = (name) => {
    const buffer = readFileSync(join(dir, name));
    return { name, bytes: buffer.length, gzBytes: gz(buffer), labels: labelsOf(buffer.toString('utf8')) };
  };
  const lazy = readdirSync(dir)
    .filter((name) => name.endsWith('.js') && !initial.includes(name) && !workers.has(name))
    .map(file)
    .sort((a, b) => b.gzBytes - a.gzBytes);
  return {
    dir,
    initial: initial.map(file),
    css: css.map(file),
    lazy,
    serviceWorker: [...workers].filter((name) => statSafe(join(dir, name))).map(file),
  };
}

/** The demo page's own scripts and styles, for scale (read from /usr/share, never copied). */
export function demoPageSizes() {
  try {
    const html = readFileSync(join(DEMO_DIR, 'videoroomtest.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]).filter((src) => src !== 'settings.js');
    let bytes = 0;
    let gzBytes = 0;
    for (const src of scripts) {
      const buffer = readFileSync(join(DEMO_DIR, src));
      bytes += buffer.length;
      gzBytes += gz(buffer);
    }
    return { scripts: scripts.length, bytes, gzBytes };
  } catch {
    return null;
  }
}

/** Angular component selectors in a chunk, to say what a hashed file holds. */
function labelsOf(text) {
  const found = new Set([...text.matchAll(/selectors:\[\["(parley-[a-z0-9-]+)"/g)].map((m) => m[1]));
  return [...found].slice(0, 4);
}

function statSafe(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export async function clientBenchmark({ runs, tti = true, lighthouse = false, logFile, log }) {
  const sizes = bundleSizes();
  const demoPage = demoPageSizes();
  let loads = [];
  let audit = null;
  if (tti || lighthouse) {
    ({ loads, audit } = await withStack(async (use) => {
      const janus = await use(benchJanus(logFile));
      const gateway = await use(benchGateway(janus));
      const results = [];
      if (tti) {
        const { browser } = await use(benchChromium());
        for (let run = 0; run < runs; run++) {
          const result = await lobbyLoad(browser, gateway.url).catch((error) => ({ error: firstLine(error) }));
          results.push(result);
          log(`  client: lobby load ${run + 1}/${runs}: ` + (result.error ? `failed (${result.error})` : `interactive at ${fmt(result.interactiveMs)} ms`));
        }
      }
      let report = null;
      if (lighthouse) {
        report = await lighthouseLobby(use, gateway.url).catch((error) => ({ error: firstLine(error) }));
        log(`  client: Lighthouse ${report.error ? `failed (${report.error})` : `TTI ${fmt(report.interactiveMs)} ms`}`);
      }
      return { loads: results, audit: report };
    }));
  }
  return summarize(sizes, demoPage, loads, audit);
}

/**
 * Lighthouse 12 (devDependency) on the lobby: its default mobile run with
 * simulated throttling, driving our Chromium (/usr/bin/chromium, launched by
 * Playwright with a DevTools port) — it never downloads a browser.
 */
async function lighthouseLobby(use, baseUrl) {
  const { default: lighthouse } = await import('lighthouse');
  const port = await freePort();
  await use(benchChromium([`--remote-debugging-port=${port}`]));
  const result = await lighthouse(`${baseUrl}/r/${newRoomId()}`, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const audits = result.lhr.audits;
  const value = (id) => audits[id]?.numericValue ?? null;
  return {
    lighthouseVersion: result.lhr.lighthouseVersion,
    score: result.lhr.categories.performance?.score ?? null,
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    interactiveMs: value('interactive'),
    tbtMs: value('total-blocking-time'),
    speedIndexMs: value('speed-index'),
    throttling: result.lhr.configSettings.throttling,
    throttlingMethod: result.lhr.configSettings.throttlingMethod,
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One cold first visit of a room link, throttled. Times are ms from navigation start. */
async function lobbyLoad(browser, baseUrl) {
  const context = await browser.newContext({
    viewport: THROTTLING.viewport,
    deviceScaleFactor: THROTTLING.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });
  try {
    await context.grantPermissions(['camera', 'microphone']);
    await context.addInitScript(() => {
      const t = { longTasks: [], lastLongTaskEnd: 0, fcp: null, ready: null, preview: null };
      window.__load = t;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          t.longTasks.push(entry.duration);
          t.lastLongTaskEnd = Math.max(t.lastLongTaskEnd, entry.startTime + entry.duration);
        }
      }).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') t.fcp = entry.startTime;
      }).observe({ type: 'paint', buffered: true });
      // Lobby ready: the name field and the Join button are on the page (Join enables once a name is typed).
      const check = () => {
        if (t.ready !== null) return;
        const join = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Join');
        if (document.querySelector('#display-name') && join) t.ready = performance.now();
      };
      // The camera preview's first frame (media events do not bubble, but are captured).
      addEventListener(
        'loadeddata',
        (event) => {
          if (t.preview === null && event.target instanceof HTMLVideoElement && event.target.matches('[data-local]')) t.preview = performance.now();
        },
        true,
      );
      addEventListener('DOMContentLoaded', () => {
        new MutationObserver(check).observe(document.body, { childList: true, subtree: true, attributes: true });
        check();
      });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: THROTTLING.latencyMs,
      downloadThroughput: (THROTTLING.downloadKbps * 1024) / 8,
      uploadThroughput: (THROTTLING.uploadKbps * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpuSlowdown });
    await page.goto(`${baseUrl}/r/${newRoomId()}`, { waitUntil: 'load', timeout: 60_000 });
    // Wait for the lobby, then for QUIET_MS without a long task.
    const deadline = Date.now() + 60_000;
    let state;
    for (;;) {
      state = await page.evaluate(() => ({ ...window.__load, now: performance.now() }));
      const quietSince = Math.max(state.ready ?? Infinity, state.lastLongTaskEnd);
      if (state.ready !== null && state.now - quietSince >= QUIET_MS) break;
      if (Date.now() > deadline) throw new Error('the lobby did not become ready and quiet within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      return {
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        load: nav?.loadEventEnd ?? null,
        transferBytes: (nav?.transferSize ?? 0) + resources.reduce((n, r) => n + (r.transferSize ?? 0), 0),
        requests: resources.length + 1,
      };
    });
    return {
      fcpMs: state.fcp,
      readyMs: state.ready,
      previewMs: state.preview,
      interactiveMs: Math.max(state.ready, state.lastLongTaskEnd),
      longTasks: state.longTasks.length,
      longTaskMs: state.longTasks.reduce((a, b) => a + b, 0),
      ...timing,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

function summarize(sizes, demoPage, loads, audit) {
  const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);
  const sizeRows = [
    ['initial JS', String(sizes.initial.length), fmt(kib(sum(sizes.initial, 'bytes')), 1), fmt(kib(sum(sizes.initial, 'gzBytes')), 1), sizes.initial.map((f) => f.name).join(' ')],
    ['initial CSS', String(sizes.css.length), fmt(kib(sum(sizes.css, 'bytes')), 1), fmt(kib(sum(sizes.css, 'gzBytes')), 1), sizes.css.map((f) => f.name).join(' ')],
    ...sizes.lazy.map((f) => ['lazy chunk', '1', fmt(kib(f.bytes), 1), fmt(kib(f.gzBytes), 1), `${f.name}${f.labels.length ? ` (${f.labels.join(', ')})` : ''}`]),
    ['lazy JS total', String(sizes.lazy.length), fmt(kib(sum(sizes.lazy, 'bytes')), 1), fmt(kib(sum(sizes.lazy, 'gzBytes')), 1), ''],
    ['service worker', String(sizes.serviceWorker.length), fmt(kib(sum(sizes.serviceWorker, 'bytes')), 1), fmt(kib(sum(sizes.serviceWorker, 'gzBytes')), 1), 'fetched after load, not on the critical path'],
    ...(demoPage ? [['(Janus demo page JS)', String(demoPage.scripts), fmt(kib(demoPage.bytes), 1), fmt(kib(demoPage.gzBytes), 1), 'videoroomtest.html scripts, for scale']] : []),
  ];
  const ok = loads.filter((l) => !l.error);
  const tables = [{ caption: `Bundle (${sizes.dir.startsWith(`${ROOT}/`) ? relative(ROOT, sizes.dir) : sizes.dir}, gzip -9)`, headers: ['what', 'files', 'KiB', 'KiB gz', 'files / contents'], rows: sizeRows }];
  if (loads.length > 0) {
    tables.push({
      caption: `Lobby, cold first visit, throttled (CPU ×${THROTTLING.cpuSlowdown}, ${THROTTLING.latencyMs} ms RTT, ${THROTTLING.downloadKbps} kbit/s down, ${THROTTLING.viewport.width}×${THROTTLING.viewport.height} @${THROTTLING.deviceScaleFactor}x), median of ${ok.length}`,
      headers: ['FCP ms', 'lobby ready ms', 'camera preview ms', 'interactive ms', 'DOMContentLoaded ms', 'load ms', 'long tasks', 'long-task ms', 'transferred KiB', 'requests'],
      rows: [
        [
          fmt(median(ok.map((l) => l.fcpMs))),
          fmt(median(ok.map((l) => l.readyMs))),
          fmt(median(ok.map((l) => l.previewMs))),
          fmt(median(ok.map((l) => l.interactiveMs))),
          fmt(median(ok.map((l) => l.domContentLoaded))),
          fmt(median(ok.map((l) => l.load))),
          fmt(median(ok.map((l) => l.longTasks))),
          fmt(median(ok.map((l) => l.longTaskMs))),
          fmt(kib(median(ok.map((l) => l.transferBytes))), 1),
          fmt(median(ok.map((l) => l.requests))),
        ],
      ],
    });
  }
  if (audit && !audit.error) {
    tables.push({
      caption: `Lighthouse ${audit.lighthouseVersion} on the lobby (mobile, ${audit.throttlingMethod} throttling: ${audit.throttling.rttMs} ms RTT, ${audit.throttling.throughputKbps} kbit/s, CPU ×${audit.throttling.cpuSlowdownMultiplier})`,
      headers: ['performance score', 'FCP ms', 'LCP ms', 'TTI ms', 'TBT ms', 'Speed Index ms'],
      rows: [[fmt(audit.score === null ? null : audit.score * 100), fmt(audit.fcpMs), fmt(audit.lcpMs), fmt(audit.interactiveMs), fmt(audit.tbtMs), fmt(audit.speedIndexMs)]],
    });
  }
  return {
    name: 'client',
    title: '5. Client: bundle and lobby time to interactive',
    tables,
    notes: [
      'initial = what index.html loads (main + modulepreload chunks); lazy = every other chunk (routes and deferred parts), labelled with the components found in it.',
      ...(loads.length > 0
        ? [
            `lobby ready = the name field and the Join button are on the page; camera preview = its first frame; interactive = the later of that and the end of the last long task (≥ 50 ms), confirmed by ${QUIET_MS / 1000} s without one (a Lighthouse-like TTI without its network-quiet rule).`,
            'Throttling is Chromium DevTools throttling through CDP (applied, not simulated as Lighthouse does); HTTP cache disabled, fresh context (no service worker yet), fake camera.',
            'transferred = bytes on the wire for the page: the gateway compresses what it serves (brotli or gzip, client-assets.ts), so it follows the gz column, not the raw size.',
            ...loads.filter((l) => l.error).map((l) => `failed load: ${l.error}`),
          ]
        : []),
      ...(audit?.error ? [`Lighthouse failed: ${audit.error.split('\n')[0]}`] : []),
    ],
    data: { sizes, demoPage, loads, lighthouse: audit },
  };
}

