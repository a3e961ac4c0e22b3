#!/usr/bin/env node
// `npm test`: every suite, against the real parts, ending with one line
// "N passed, N failed" that sums them all.
//
//   1. unit         protocol + api (Jasmine)
//   2. client       Angular unit tests (Karma + Jasmine, headless Chromium)
//   3. integration  the Janus adapter against a real Janus
//   4. e2e          real Janus + gateway + built client in headless Chromium
//
// What does not depend on each other runs side by side: the unit suite, the
// client suite and the builds the e2e suite needs start together, Janus starts
// meanwhile, and the e2e files run two at a time where their load allows
// (scripts/lib/e2e-pool.mjs). Each step's output is printed whole when it
// ends. Each suite writes { passed, failed } to a results file; a suite that
// dies without writing one counts as one failure.
//
//   PARLEY_TEST_ONLY=unit,e2e       a subset (for development; CI runs everything)
//   PARLEY_E2E_SPECS=chat,turn      only those e2e spec files
//   PARLEY_TEST_REPEAT=3            the e2e files three times over, with a pass count per file
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startParley } from '../e2e/support/stack.mjs';
import { ensureDebianPackage } from './lib/apt.mjs';
import { runPool } from './lib/e2e-pool.mjs';
import { ROOT } from './lib/gateway.mjs';
import { startJanus } from './lib/janus.mjs';

const only = process.env.PARLEY_TEST_ONLY?.split(',').map((s) => s.trim());
const wants = (suite) => only === undefined || only.includes(suite);
const repeat = Number(process.env.PARLEY_TEST_REPEAT ?? '1');
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`PARLEY_TEST_REPEAT must be a whole number ≥ 1, not "${process.env.PARLEY_TEST_REPEAT}"`);
const resultsDir = mkdtempSync(join(tmpdir(), 'parley-test-'));
const logsDir = join(ROOT, 'test-results');
mkdirSync(logsDir, { recursive: true });
const totals = [];
const startedAt = Date.now();

/** Runs a command to its end, printing its output whole afterwards; resolves to whether it exited 0. */
function run(label, command, args, env = {}) {
  console.log(`▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.once('error', (error) => (output += `\n${error.message}`));
    child.once('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`\n── ${label} (${code === 0 ? 'ok' : `exit ${code}`}, ${seconds} s)\n${output.trimEnd()}\n`);
      resolve(code === 0);
    });
  });
}

/** Counts from a suite's results file; a runner that failed without failing a spec still fails. */
function countsOf(name, file, exitedClean) {
  if (!existsSync(file)) {
    console.error(`${name}: no results were written; counting the suite as one failure.`);
    return { passed: 0, failed: 1 };
  }
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  if (!exitedClean && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Runs a suite that reports through a results file, and adds its counts and wall time to the totals. */
async function suite(name, command, args, env = {}) {
  const file = join(resultsDir, `${name}.json`);
  const started = Date.now();
  const exitedClean = await run(name, command, args, { ...env, PARLEY_RESULTS_FILE: file });
  totals.push({ name, ...countsOf(name, file, exitedClean), seconds: (Date.now() - started) / 1000 });
}

/** A build step: counts as one failure if it fails, and nothing otherwise. */
async function step(name, command, args) {
  if (await run(name, command, args)) return true;
  totals.push({ name, passed: 0, failed: 1 });
  return false;
}

const jasmine = (name, globs, env) =>
  suite(name, process.execPath, ['--enable-source-maps', 'scripts/lib/run-jasmine.mjs', '--results', join(resultsDir, `${name}.json`), ...globs], env);

const chromiumBin = ensureDebianPackage('/usr/bin/chromium', 'chromium');
const needsJanus = wants('integration') || wants('e2e');
// Fresh secrets per run, never the committed ones: every Janus a suite
// starts (scripts/lib/janus.mjs) and every gateway reads the api_secret from here.
const adminKey = randomBytes(24).toString('hex');
const apiSecret = randomBytes(24).toString('hex');
process.env.JANUS_API_SECRET = apiSecret;
// Janus and the gateways above the test browsers' CPU priority, as if the
// browsers ran elsewhere (scripts/lib/server-priority.mjs says why); only root may.
if (process.getuid?.() === 0) process.env.PARLEY_SERVER_NICE ??= '-10';
// Started first, as everything else builds: it is ready long before a suite needs it.
const janusStarting = needsJanus ? startJanus({ adminKey, apiSecret, logFile: join(logsDir, 'janus.log') }) : null;
janusStarting?.catch(() => undefined);

// Compiled specs of files since renamed or deleted would otherwise run again from an old build.
rmSync(join(ROOT, 'dist', 'spec'), { recursive: true, force: true });
const protocolBuilt = await step('compile protocol', 'npx', ['tsc', '-p', 'protocol/tsconfig.json']);

const specsCompiled = (async () =>
  protocolBuilt &&
  (wants('unit') || wants('integration')) &&
  (await step('compile specs', 'npx', ['tsc', '-p', 'protocol/tsconfig.spec.json'])) &&
  (await step('compile api specs', 'npx', ['tsc', '-p', 'api/tsconfig.spec.json'])))();
const unit = (async () => {
  if ((await specsCompiled) && wants('unit')) await jasmine('unit', ['dist/spec/protocol/**/*.spec.js', 'dist/spec/api/**/*.spec.js', 'scripts/**/*.spec.mjs']);
})();
const client = wants('client') ? suite('client', 'npx', ['ng', 'test', '--watch=false', '--no-progress'], { CHROME_BIN: chromiumBin }) : null;
const built = wants('e2e')
  ? (async () => protocolBuilt && (await step('build api', 'npx', ['nest', 'build'])) && (await step('build client', 'npx', ['ng', 'build'])))()
  : Promise.resolve(false);

let janus = null;
try {
  if (janusStarting) janus = await janusStarting;
} catch (error) {
  console.error(`Janus did not start: ${error.message}`);
  totals.push({ name: 'janus', passed: 0, failed: 1 });
}
const env = janus ? { JANUS_URL: janus.url, JANUS_ADMIN_KEY: adminKey, JANUS_API_SECRET: apiSecret, CHROME_BIN: chromiumBin } : null;
try {
  await unit;
  if (env && wants('integration') && (await specsCompiled)) await jasmine('integration', ['dist/spec/api/**/*.int-spec.js'], env);
  await client;
  if (env && wants('e2e') && (await built)) await e2e(env);
} finally {
  await janus?.stop();
}

/**
 * The e2e files through the pool, beside one gateway and one Chromium that
 * every spec needing only the defaults shares (e2e/support/stack.mjs).
 */
async function e2e(env) {
  const names = process.env.PARLEY_E2E_SPECS?.split(',').map((name) => `e2e/${name.trim()}.e2e.mjs`);
  const files = names ?? readdirSync(join(ROOT, 'e2e')).filter((name) => name.endsWith('.e2e.mjs')).sort().map((name) => `e2e/${name}`);
  const missing = files.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) throw new Error(`no such e2e spec: ${missing.join(', ')}`);
  process.env.JANUS_URL = env.JANUS_URL;
  process.env.JANUS_ADMIN_KEY = env.JANUS_ADMIN_KEY;
  const started = Date.now();
  rmSync(join(logsDir, 'gateway.log'), { force: true });
  const gateway = await startParley({}, { logFile: join(logsDir, 'gateway.log') });
  const browser = await chromium.launchServer({ executablePath: chromiumBin, args: CHROMIUM_ARGS });
  console.log(`\n▶ e2e: ${files.length} files${repeat > 1 ? ` × ${repeat} rounds` : ''}; shared gateway ${gateway.url}`);
  try {
    const outcome = await runPool({
      root: ROOT,
      files,
      rounds: repeat,
      resultsDir,
      timesFile: join(logsDir, 'e2e-times.json'),
      env: { ...env, PARLEY_E2E_GATEWAY_URL: gateway.url, PARLEY_E2E_CHROMIUM_WS: browser.wsEndpoint() },
    });
    totals.push({ name: 'e2e', passed: outcome.passed, failed: outcome.failed, seconds: (Date.now() - started) / 1000 });
    console.log(`\n── e2e files by wall time${repeat > 1 ? `, with the rounds each passed whole (of ${repeat})` : ''}`);
    const rows = [...outcome.byFile].sort((a, b) => Math.max(...b[1].seconds, 0) - Math.max(...a[1].seconds, 0));
    for (const [file, { runs, clean, seconds }] of rows) {
      const times = seconds.map((s) => s.toFixed(0)).join(', ');
      console.log(`  ${file.padEnd(36)} ${`${clean}/${runs}`.padStart(5)} clean   ${times} s`);
    }
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

rmSync(resultsDir, { recursive: true, force: true });
console.log('\n── Summary');
for (const t of totals) {
  const time = t.seconds === undefined ? '' : `  ${t.seconds.toFixed(0).padStart(5)} s`;
  console.log(`${t.name.padEnd(20)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(4)} failed${time}`);
}
console.log(`${'wall time'.padEnd(20)} ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
const passed = totals.reduce((n, t) => n + t.passed, 0);
const failed = totals.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
