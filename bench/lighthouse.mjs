#!/usr/bin/env node
// Lighthouse 12 on Parley's lobby (the page people land on from a meeting
// link): prints the accessibility, best-practices and performance scores and
// every audit that cost points. A figure to watch, not a test: it is not part
// of `npm test` (Lighthouse's performance score swings with the machine's
// load), but it exits 1 when accessibility or best practices fall under 95.
//
//   node bench/lighthouse.mjs                 # phone (Moto G class, throttled) and desktop
//   node bench/lighthouse.mjs --desktop       # one form factor only (or --mobile)
//   PARLEY_URL=http://127.0.0.1:3000 node bench/lighthouse.mjs   # audit a Parley already running
//
// Needs the build (dist/api, dist/client, or the client build named by
// PARLEY_E2E_CLIENT_DIR as for the e2e tests). Uses Debian's Chromium
// (CHROME_PATH, default /usr/bin/chromium); never downloads a browser.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_BUILD_DIR } from '../e2e/support/stack.mjs';
import { ROOT, startGateway } from '../scripts/lib/gateway.mjs';
import { startJanus } from '../scripts/lib/janus.mjs';

const TARGETS = { accessibility: 95, 'best-practices': 95 };
const CATEGORIES = ['accessibility', 'best-practices', 'performance'];
const ADMIN_KEY = 'parley-bench-admin-key';

const args = process.argv.slice(2);
const formFactors = args.includes('--desktop') ? ['desktop'] : args.includes('--mobile') ? ['mobile'] : ['mobile', 'desktop'];

/** A Parley of its own (Janus + gateway on free ports), unless PARLEY_URL names one. */
async function parley() {
  if (process.env.PARLEY_URL) return { url: process.env.PARLEY_URL.replace(/\/$/, ''), stop: async () => undefined };
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-lighthouse-'));
  const janus = await startJanus({ adminKey: ADMIN_KEY, logFile: join(ROOT, 'test-results', 'lighthouse-janus.log') });
  const gateway = await startGateway({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      DATA_DIR: dataDir,
      CLIENT_DIR: CLIENT_BUILD_DIR,
      JANUS_URL: janus.url,
      JANUS_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'warn',
    },
  });
  return {
    url: gateway.url,
    async stop() {
      await gateway.stop();
      await janus.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Lighthouse's settings for a form factor (its defaults: a throttled mid-range phone, or an unthrottled desktop). */
function settingsFor(formFactor) {
  if (formFactor === 'mobile') return { formFactor: 'mobile', screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false } };
  return {
    formFactor: 'desktop',
    screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
    throttling: { rttMs: 40, throughputKbps: 10_240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 },
  };
}

/** Audits of a category that did not score full marks, worst first. */
function shortfalls(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .sort((a, b) => a.score - b.score)
    .map((audit) => `${audit.id} (${Math.round(audit.score * 100)}): ${audit.title}`);
}

const stack = await parley();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
let belowTarget = false;
try {
  const lobby = `${stack.url}/r/lighthouse-lobby`;
  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} on ${lobby}`);
  for (const formFactor of formFactors) {
    const result = await lighthouse(lobby, { port: chrome.port, onlyCategories: CATEGORIES, logLevel: 'error', output: 'json' }, {
      extends: 'lighthouse:default',
      settings: settingsFor(formFactor),
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    console.log(`\n── ${formFactor}`);
    for (const category of CATEGORIES) {
      const score = Math.round((lhr.categories[category].score ?? 0) * 100);
      const target = TARGETS[category];
      const verdict = target === undefined ? '' : score >= target ? `  (target ≥ ${target}: met)` : `  (target ≥ ${target}: NOT MET)`;
      if (target !== undefined && score < target) belowTarget = true;
      console.log(`${category.padEnd(16)} ${String(score).padStart(3)}${verdict}`);
      for (const line of shortfalls(lhr, category)) console.log(`    ${line}`);
    }
    const metric = (id) => lhr.audits[id]?.displayValue ?? 'n/a';
    console.log(`FCP ${metric('first-contentful-paint')} · LCP ${metric('largest-contentful-paint')} · TBT ${metric('total-blocking-time')} · CLS ${metric('cumulative-layout-shift')}`);
    if (lhr.runWarnings.length > 0) console.log(`warnings: ${lhr.runWarnings.join(' | ')}`);
  }
} finally {
  await chrome.kill();
  await stack.stop();
}
process.exit(belowTarget ? 1 : 0);
