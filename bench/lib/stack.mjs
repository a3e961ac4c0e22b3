// What a benchmark starts (Janus, gateways, Redis, the demo's static server,
// Chromium), each registered so that it is stopped whatever happens: the
// benchmark's own `finally`, or run.mjs's signal handlers via stopAll().
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startGateway } from '../../scripts/lib/gateway.mjs';
import { startJanus } from '../../scripts/lib/janus.mjs';
import { startRedis } from '../../scripts/lib/redis.mjs';
import { launchChromium } from './browser.mjs';
import { startDemoServer } from './demo-server.mjs';
import { descendants } from './proc.mjs';

export const ADMIN_KEY = 'parley-bench-admin-key';

/**
 * The built client the gateways serve: PARLEY_BENCH_CLIENT_DIR (run.mjs
 * --client-dir, the `browser` folder itself), else the build the e2e tests
 * use (PARLEY_E2E_CLIENT_DIR, an `ng build --output-path`), else
 * dist/client/browser.
 */
export function clientDir() {
  if (process.env.PARLEY_BENCH_CLIENT_DIR) return process.env.PARLEY_BENCH_CLIENT_DIR;
  if (process.env.PARLEY_E2E_CLIENT_DIR) return join(process.env.PARLEY_E2E_CLIENT_DIR, 'browser');
  return join(ROOT, 'dist/client/browser');
}

/** Stop functions of everything started and not yet stopped, newest last. */
const running = new Set();
/** Every process started (label, pid), for the results file and the smoke spec's leak check. */
export const started = [];

function register(label, stop, pid = null) {
  if (pid !== null) started.push({ label, pid });
  let stopping;
  const entry = {
    label,
    stop: () => {
      stopping ??= Promise.resolve()
        .then(stop)
        .catch((error) => console.error(`stopping ${label}: ${error.message}`))
        .finally(() => running.delete(entry));
      return stopping;
    },
  };
  running.add(entry);
  return entry.stop;
}

/** Stops everything still running, newest first. */
export async function stopAll() {
  for (const entry of [...running].reverse()) await entry.stop();
}

/** A fresh Janus with Parley's config (janus/*.jcfg) and the bench admin key. */
export async function benchJanus(logFile) {
  const janus = await startJanus({ adminKey: ADMIN_KEY, logFile });
  return { ...janus, stop: register('Janus', () => janus.stop(), janus.pid) };
}

/** A throw-away redis-server on a free port (Debian's, installed when missing and root). */
export async function benchRedis() {
  const redis = await startRedis();
  return { ...redis, stop: register('redis', () => redis.stop(), redis.pid) };
}

/**
 * Node flags for the bench's gateways: with PARLEY_BENCH_CPU_PROF=<folder>,
 * each writes a V8 CPU profile there when it stops (`node --cpu-prof`; open
 * it in Chrome DevTools or summarize it with bench/cpu-profile.mjs).
 */
function gatewayNodeArgs() {
  const dir = process.env.PARLEY_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--require', join(ROOT, 'bench/lib/exit-on-term.cjs')] : [];
}

/** A fresh gateway (dist/api/main.js) on a free port with its own data folder. */
export async function benchGateway(janus, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  let gateway;
  try {
    gateway = await startGateway({
      nodeArgs: gatewayNodeArgs(),
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        METRICS_PORT: '0',
        DATA_DIR: dataDir,
        CLIENT_DIR: clientDir(),
        JANUS_URL: janus.url,
        JANUS_ADMIN_KEY: ADMIN_KEY,
        ...env,
      },
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = register(
    'gateway',
    async () => {
      await gateway.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    gateway.pid,
  );
  return { ...gateway, stop };
}

export async function benchDemoServer(janusUrl) {
  const server = await startDemoServer(janusUrl);
  return { ...server, stop: register('demo static server', () => server.stop()) };
}

export async function benchChromium(extraArgs = []) {
  const before = new Set(children(process.pid));
  const browser = await launchChromium(extraArgs);
  // Playwright does not expose the browser's pid: it is our new child process.
  const pid = children(process.pid).find((p) => !before.has(p)) ?? null;
  return { browser, version: browser.version(), stop: register('Chromium', () => browser.close(), pid) };
}

/** Direct children of `pid`. */
function children(pid) {
  return descendants(pid).filter((child) => {
    try {
      const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
}

/** Runs `body` and stops whatever it started through `use`, even when it throws. */
export async function withStack(body) {
  const mine = [];
  const use = async (started) => {
    const value = await started;
    mine.push(value);
    return value;
  };
  try {
    return await body(use);
  } finally {
    for (const value of mine.reverse()) await value.stop();
  }
}
