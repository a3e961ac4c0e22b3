#!/usr/bin/env node
// `npm test`: every suite, against the real parts, ending with one line
// "N passed, N failed" that sums them all.
//
//   1. unit       protocol + api (Jasmine)
//   2. client     Angular unit tests (Karma + Jasmine, headless Chromium)
//   3. integration  the Janus adapter against a real Janus
//   4. e2e        real Janus + gateway + built client in headless Chromium
//
// Each suite writes { passed, failed } to a results file; a suite that dies
// without writing one counts as one failure. PARLEY_TEST_ONLY=unit,e2e runs
// a subset (for development; CI runs everything).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackage } from './lib/apt.mjs';
import { ROOT } from './lib/gateway.mjs';
import { startJanus } from './lib/janus.mjs';

const only = process.env.PARLEY_TEST_ONLY?.split(',').map((s) => s.trim());
const wants = (suite) => only === undefined || only.includes(suite);
const resultsDir = mkdtempSync(join(tmpdir(), 'parley-test-'));
const logsDir = join(ROOT, 'test-results');
mkdirSync(logsDir, { recursive: true });
const totals = [];

function run(label, command, args, env = {}) {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** Runs a suite that reports through a results file. */
function suite(name, command, args, env = {}) {
  const file = join(resultsDir, `${name}.json`);
  const exitedClean = run(name, command, args, { ...env, PARLEY_RESULTS_FILE: file });
  let counts = { passed: 0, failed: 1 };
  if (existsSync(file)) {
    counts = JSON.parse(readFileSync(file, 'utf8'));
    // A runner that failed without failing a spec (a crash after the specs) still fails.
    if (!exitedClean && counts.failed === 0) counts.failed = 1;
  } else {
    console.error(`${name}: no results were written; counting the suite as one failure.`);
  }
  totals.push({ name, ...counts });
}

/** A build step: counts as one failure if it fails, and nothing otherwise. */
function step(name, command, args) {
  if (run(name, command, args)) return true;
  totals.push({ name, passed: 0, failed: 1 });
  return false;
}

const jasmine = (name, globs, env) =>
  suite(name, process.execPath, ['--enable-source-maps', 'scripts/lib/run-jasmine.mjs', '--results', join(resultsDir, `${name}.json`), ...globs], env);

const chromium = ensureDebianPackage('/usr/bin/chromium', 'chromium');
// Compiled specs of files since renamed or deleted would otherwise run again from an old build.
rmSync(join(ROOT, 'dist', 'spec'), { recursive: true, force: true });
const compiled =
  step('compile protocol', 'npx', ['tsc', '-p', 'protocol/tsconfig.json']) &&
  step('compile specs', 'npx', ['tsc', '-p', 'protocol/tsconfig.spec.json']) &&
  step('compile api specs', 'npx', ['tsc', '-p', 'api/tsconfig.spec.json']);

if (compiled && wants('unit')) jasmine('unit', ['dist/spec/protocol/**/*.spec.js', 'dist/spec/api/**/*.spec.js', 'scripts/**/*.spec.mjs']);

if (wants('client')) {
  suite('client', 'npx', ['ng', 'test', '--watch=false', '--no-progress'], { CHROME_BIN: chromium });
}

if (wants('integration') || wants('e2e')) {
  // Fresh secrets per run, never the committed ones: every Janus a suite
  // starts (scripts/lib/janus.mjs) and every gateway reads the api_secret from here.
  const adminKey = randomBytes(24).toString('hex');
  const apiSecret = randomBytes(24).toString('hex');
  process.env.JANUS_API_SECRET = apiSecret;
  const janus = await startJanus({ adminKey, apiSecret, logFile: join(logsDir, 'janus.log') });
  const env = { JANUS_URL: janus.url, JANUS_ADMIN_KEY: adminKey, JANUS_API_SECRET: apiSecret, CHROME_BIN: chromium };
  try {
    if (compiled && wants('integration')) jasmine('integration', ['dist/spec/api/**/*.int-spec.js'], env);
    if (wants('e2e')) {
      const built = step('build api', 'npx', ['nest', 'build']) && step('build client', 'npx', ['ng', 'build']);
      const specs = process.env.PARLEY_E2E_SPECS?.split(',').map((name) => `e2e/${name.trim()}.e2e.mjs`) ?? ['e2e/**/*.e2e.mjs'];
      if (built) jasmine('e2e', specs, env);
    }
  } finally {
    await janus.stop();
  }
}

rmSync(resultsDir, { recursive: true, force: true });
console.log('\n── Summary');
for (const t of totals) console.log(`${t.name.padEnd(20)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(4)} failed`);
const passed = totals.reduce((n, t) => n + t.passed, 0);
const failed = totals.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
