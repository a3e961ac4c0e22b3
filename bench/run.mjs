#!/usr/bin/env node
// `npm run bench [-- options]`: starts what it needs (Janus via
// scripts/lib/janus.mjs, gateways via scripts/lib/gateway.mjs, Janus's own
// VideoRoom demo on a static server, headless Chromium), runs the benchmarks,
// prints Markdown tables and writes bench/results/<timestamp>.json. It never
// fails on a number; it exits non-zero only when a benchmark could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackage } from '../scripts/lib/apt.mjs';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { ensureJanus } from '../scripts/lib/janus-install.mjs';

const BENCHMARKS = ['join', 'steady', 'signalling', 'memory', 'client'];
const HELP = `Usage: npm run bench -- [options]

  --only=LIST          benchmarks to run, comma-separated (default all): ${BENCHMARKS.join(', ')}
  --quick              short version of everything (runs=1, duration=10, 100 clients in 20 rooms, ...)
  --runs=N             join: measured joins per system and room size; client: lobby loads (default 5, quick 1)
  --sizes=LIST         join: room sizes (default 2,4,8)
  --video=WxH@FPS      join and memory: fake camera size (default 320x180@15)
  --duration=S         steady: seconds measured (default 60, quick 10)
  --people=N           steady: people in the call (default 8)
  --steady-video=WxH@FPS  steady: camera size (default 640x360@10: the smallest Chromium simulcasts in two layers)
  --setups=LIST        steady: which setups, in order (default parley,demo,parley-layers-off)
  --clients=N          signalling: Socket.IO clients (default 500, quick 100)
  --rooms=N            signalling: rooms they spread over (default 100, quick 20)
  --concurrency=N      signalling: joins in flight at once (default 20)
  --chat-seconds=S     signalling: length of each chat ramp step (default 10, quick 3)
  --ramp=LIST          signalling: the ramp's steps, messages per second per client, each at most 16; it stops
                       after two steps in a row past 50 ms fan-out p99 (default 0.5,1,2,3,4,6,8,12,16; quick 0.5,2)
  --chat-rate=R        signalling: one fixed step at R messages/s per client instead of the ramp
  --signalling-setups=LIST  signalling: sqlite (one gateway, no Redis) and/or redis-N (N gateways over one
                       Redis, Debian redis-server) (default sqlite,redis-1,redis-2)
  --memory=LIST        memory: signalling-only participant counts (default 0,4,8,16)
  --memory-media=LIST  memory: browser participant counts, "" for none (default 0,4,8; quick 0,4)
  --no-tti             client: bundle sizes only, no browser
  --lighthouse         client: also a Lighthouse 12 audit of the lobby (simulated mobile throttling, our Chromium)
  --client-dir=PATH    built client (its browser/ folder) to serve and measure
                       (default: $PARLEY_E2E_CLIENT_DIR/browser when set, else dist/client/browser)
  --out=FILE           where the JSON goes (default bench/results/<timestamp>.json)
  --help`;

function parseArgs(argv) {
  const options = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg} (see --help)`);
    options[m[1]] = m[2] ?? true;
  }
  const known = ['only', 'quick', 'runs', 'sizes', 'video', 'duration', 'people', 'steady-video', 'setups', 'clients', 'rooms', 'concurrency', 'chat-seconds', 'chat-rate', 'ramp', 'signalling-setups', 'memory', 'memory-media', 'no-tti', 'lighthouse', 'client-dir', 'out', 'help'];
  for (const key of Object.keys(options)) if (!known.includes(key)) throw new Error(`unknown option --${key} (see --help)`);
  const quick = options.quick === true;
  const int = (key, full, short) => {
    const value = Number(options[key] ?? (quick ? short : full));
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} must be a number`);
    return value;
  };
  const list = (key, full, short) => {
    const text = String(options[key] ?? (quick ? short : full));
    return text === '' ? [] : text.split(',').map((v) => v.trim()).filter(Boolean);
  };
  const setups = list('setups', 'parley,demo,parley-layers-off', 'parley,demo,parley-layers-off');
  for (const setup of setups) {
    if (!['parley', 'demo', 'parley-layers-off'].includes(setup)) throw new Error(`unknown steady setup ${setup}; choose from parley, demo, parley-layers-off`);
  }
  for (const setup of list('signalling-setups', 'sqlite', 'sqlite')) {
    if (!/^(sqlite|redis-[1-9])$/.test(setup)) throw new Error(`unknown signalling setup ${setup}; choose from sqlite, redis-1 … redis-9`);
  }
  const only = list('only', BENCHMARKS.join(','), BENCHMARKS.join(',')).map((name) => (name === 'signaling' ? 'signalling' : name));
  for (const name of only) if (!BENCHMARKS.includes(name)) throw new Error(`unknown benchmark ${name}; choose from ${BENCHMARKS.join(', ')}`);
  return {
    help: options.help === true,
    quick,
    only,
    runs: int('runs', 5, 1),
    sizes: list('sizes', '2,4,8', '2,4,8').map(Number),
    video: String(options.video ?? '320x180@15'),
    duration: int('duration', 60, 10),
    people: int('people', 8, 8),
    steadyVideo: String(options['steady-video'] ?? '640x360@10'),
    setups,
    clients: int('clients', 500, 100),
    rooms: int('rooms', 100, 20),
    concurrency: int('concurrency', 20, 20),
    chatSeconds: int('chat-seconds', 10, 3),
    rates: options['chat-rate'] !== undefined ? [int('chat-rate', 0.5, 0.5)] : list('ramp', '0.5,1,2,3,4,6,8,12,16', '0.5,2').map(Number),
    signallingSetups: list('signalling-setups', 'sqlite,redis-1,redis-2', 'sqlite,redis-1,redis-2'),
    memory: list('memory', '0,4,8,16', '0,4,8,16').map(Number),
    memoryMedia: list('memory-media', '0,4,8', '0,4').map(Number),
    tti: options['no-tti'] !== true,
    lighthouse: options.lighthouse === true,
    clientDir: options['client-dir'] ? String(options['client-dir']) : null,
    out: options.out ? String(options.out) : null,
  };
}

/** Builds what is missing (never what exists: dist/ is shared with whoever else works here). */
function ensureBuilt(config) {
  const needs = new Set(config.only);
  const gateway = ['join', 'steady', 'signalling', 'memory'].some((b) => needs.has(b)) || (needs.has('client') && (config.tti || config.lighthouse));
  const client = ['join', 'steady', 'client'].some((b) => needs.has(b)) || (needs.has('memory') && config.memoryMedia.length > 0);
  const steps = [];
  if (!existsSync(join(ROOT, 'protocol/dist/index.js'))) steps.push(['tsc', '-p', 'protocol/tsconfig.json']);
  if (gateway && !existsSync(join(ROOT, 'dist/api/main.js'))) steps.push(['nest', 'build']);
  if (client && !config.clientDir && !process.env.PARLEY_E2E_CLIENT_DIR && !existsSync(join(ROOT, 'dist/client/browser/index.html'))) {
    steps.push(['ng', 'build']);
  }
  for (const step of steps) {
    console.log(`(building: npx ${step.join(' ')})`);
    const result = spawnSync('npx', step, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`npx ${step.join(' ')} failed`);
  }
  const browser = ['join', 'steady'].some((b) => needs.has(b)) || (needs.has('memory') && config.memoryMedia.length > 0) || (needs.has('client') && (config.tti || config.lighthouse));
  if (browser) ensureDebianPackage('/usr/bin/chromium', 'chromium');
  if (needs.has('join') || needs.has('steady')) ensureDebianPackage('/usr/share/janus/demos/videoroomtest.html', 'janus-demos');
}

function versions() {
  // `janus -V` prints its version and exits 1 when not on a terminal: read the output whatever the status.
  const run = (cmd, args, anyStatus = false) => {
    const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    return result.status === 0 || (anyStatus && !result.error) ? `${result.stdout}${result.stderr}`.trim() : null;
  };
  const changed = run('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    commit: run('git', ['rev-parse', 'HEAD'])?.split('\n')[0] ?? null,
    commitSubject: run('git', ['log', '-1', '--format=%s'])?.split('\n')[0] ?? null,
    uncommittedFiles: changed === null ? null : changed.split('\n').filter(Boolean).length,
    chromium: /Chromium [\d.]+/.exec(run(process.env.CHROME_BIN ?? '/usr/bin/chromium', ['--version']) ?? '')?.[0] ?? null,
    janus: /\(([\d.]+)\)/.exec(run('janus', ['-V'], true) ?? '')?.[1] ?? null,
  };
}

function printResult(result) {
  console.log(`\n### ${result.title}\n`);
  for (const t of result.tables) {
    if (t.caption) console.log(`${t.caption}\n`);
    console.log(`${table(t.headers, t.rows)}\n`);
  }
  for (const note of result.notes ?? []) console.log(`- ${note}`);
}

let table;

async function main() {
  const config = parseArgs(process.argv.slice(2));
  if (config.help) {
    console.log(HELP);
    return 0;
  }
  if (config.clientDir) process.env.PARLEY_BENCH_CLIENT_DIR = config.clientDir;
  ensureBuilt(config);
  await ensureJanus();
  // Loaded only now: they import @parley/protocol, which the build above may have just made.
  ({ table } = await import('./lib/stats.mjs'));
  const { machine } = await import('./lib/proc.mjs');
  const { started, stopAll } = await import('./lib/stack.mjs');
  const { DIFFERENCES } = await import('./lib/differences.mjs');

  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping everything the bench started…`);
    stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const logFile = join(resultsDir, `${stamp}-janus.log`);
  const meta = { startedAt: startedAt.toISOString(), config, ...versions(), machine: machine() };
  console.log(`## Parley benchmarks — ${meta.startedAt}`);
  console.log(
    `\ncommit ${meta.commit?.slice(0, 12) ?? '?'}${meta.uncommittedFiles ? ` (+${meta.uncommittedFiles} uncommitted files)` : ''} · ${meta.chromium ?? 'Chromium ?'} · Janus ${meta.janus ?? '?'} · Node ${meta.machine.node}` +
      `\n${meta.machine.cpuModel} × ${meta.machine.cores} · ${(meta.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB · ${meta.machine.os ?? ''} · load average at start ${meta.machine.loadAverage.join(' ')}`,
  );
  if (config.quick) console.log('\n(--quick: short runs, figures are indicative only)');

  const log = (line) => console.error(line);
  const results = [];
  const failures = [];
  const runners = {
    join: async () => (await import('./join.mjs')).joinBenchmark({ sizes: config.sizes, runs: config.runs, video: config.video, logFile, log }),
    steady: async () => (await import('./steady.mjs')).steadyBenchmark({ people: config.people, durationSeconds: config.duration, video: config.steadyVideo, setups: config.setups, logFile, log }),
    signalling: async () =>
      (await import('./signalling.mjs')).signallingBenchmark({
        clients: config.clients,
        rooms: config.rooms,
        concurrency: config.concurrency,
        chatSeconds: config.chatSeconds,
        rates: config.rates,
        setups: config.signallingSetups,
        logFile,
        log,
      }),
    memory: async () => (await import('./memory.mjs')).memoryBenchmark({ counts: config.memory, mediaCounts: config.memoryMedia, video: config.video, logFile, log }),
    client: async () => (await import('./client.mjs')).clientBenchmark({ runs: Math.max(1, Math.min(config.runs, 5)), tti: config.tti, lighthouse: config.lighthouse, logFile, log }),
  };
  try {
    for (const name of BENCHMARKS.filter((b) => config.only.includes(b))) {
      if (interrupted) break;
      log(`\n… ${name}`);
      const t0 = performance.now();
      try {
        const result = await runners[name]();
        result.seconds = (performance.now() - t0) / 1000;
        results.push(result);
        printResult(result);
      } catch (error) {
        failures.push({ name, error: error.stack ?? String(error) });
        console.log(`\n### ${name}: could not run\n\n    ${String(error.message).split('\n').join('\n    ')}`);
      }
    }
  } finally {
    await stopAll();
  }

  if (config.only.includes('join') || config.only.includes('steady')) {
    console.log('\n### Parley vs the Janus demo: what differs\n');
    for (const line of DIFFERENCES) console.log(`- ${line}`);
  }
  const finished = { ...meta, finishedAt: new Date().toISOString(), loadAverageAtEnd: machine().loadAverage, results, failures, differences: DIFFERENCES, processes: started };
  const out = config.out ?? join(resultsDir, `${stamp}.json`);
  writeFileSync(out, `${JSON.stringify(finished, null, 2)}\n`);
  console.log(`\nload average at end ${finished.loadAverageAtEnd.join(' ')} · results: ${out}${existsSync(logFile) ? ` · Janus log: ${logFile}` : ''}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message);
    process.exit(2);
  },
);
