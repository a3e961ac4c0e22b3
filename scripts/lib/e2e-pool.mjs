// Runs the e2e spec files side by side where the machine allows it: each file
// in its own Jasmine process (scripts/lib/run-jasmine.mjs), so one that hangs
// or crashes costs only itself. A file says what it takes of the machine's two
// cores in a line `// e2e-load: alone | call | light` (none: call):
//   alone  a call that needs both cores (eight people): runs by itself;
//   call   browsers in a call, encoding and decoding video: one at a time,
//          with a light file beside it;
//   light  sockets, pages without calls, or mostly waiting: beside anything but alone.
// Two calls side by side were tried: on two cores each ran two to three times
// slower (WebRTC backs off under CPU load, recoveries wait longer), so the
// suite took longer than with one call at a time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Each load's share of the machine: files run together while their shares add up to at most 2. */
const SHARES = { alone: 2, call: 1.5, light: 0.5 };
const LOADS = Object.keys(SHARES);
/** A file that has not finished in this long is killed and counted as failed. */
const FILE_DEADLINE_MS = 10 * 60_000;

/** The load a spec file declares (see the top of this file). */
export function loadOf(source) {
  const declared = /^\/\/ e2e-load: (\w+)/m.exec(source)?.[1] ?? 'call';
  if (!LOADS.includes(declared)) throw new Error(`unknown e2e-load "${declared}" (one of ${LOADS.join(', ')})`);
  return declared;
}

/** Whether a file of `load` may start while files of `running` loads run. */
export function mayStart(load, running) {
  return running.length < 2 && running.reduce((sum, other) => sum + SHARES[other], SHARES[load]) <= 2;
}

/**
 * Runs `files` (`rounds` times over, for a flakiness check) and resolves to
 * { passed, failed, byFile: Map<file, { runs, clean, seconds: number[] }> }.
 * `timesFile` keeps each file's last duration so the next run starts the
 * longest first; without it, files run in the given order.
 */
export async function runPool({ root, files, env, rounds = 1, resultsDir, timesFile }) {
  const known = timesFile && existsSync(timesFile) ? JSON.parse(readFileSync(timesFile, 'utf8')) : {};
  const specs = files.map((file) => ({ file, load: loadOf(readFileSync(join(root, file), 'utf8')), estimate: known[file] ?? 0 }));
  const order = (a, b) => LOADS.indexOf(a.load) - LOADS.indexOf(b.load) || b.estimate - a.estimate;
  const queue = [];
  for (let round = 1; round <= rounds; round++) queue.push(...[...specs].sort(order).map((spec) => ({ ...spec, round })));

  const byFile = new Map(files.map((file) => [file, { runs: 0, clean: 0, seconds: [] }]));
  const totals = { passed: 0, failed: 0 };
  const running = new Set();
  let sequence = 0;

  await new Promise((resolve) => {
    const next = () => {
      if (queue.length === 0 && running.size === 0) return resolve();
      // The first queued file that fits beside what runs (a light one can pass a waiting call).
      for (let i = 0; i < queue.length; i++) {
        const loads = [...running].map((job) => job.load);
        if (!mayStart(queue[i].load, loads)) continue;
        const [job] = queue.splice(i, 1);
        running.add(job);
        start(job, ++sequence).then((outcome) => {
          running.delete(job);
          const record = byFile.get(job.file);
          record.runs += 1;
          record.seconds.push(outcome.seconds);
          if (outcome.failed === 0 && outcome.passed > 0) record.clean += 1;
          totals.passed += outcome.passed;
          totals.failed += outcome.failed;
          next();
        });
        i = -1;
      }
    };
    next();
  });

  if (timesFile) {
    const times = { ...known };
    for (const [file, { seconds }] of byFile) if (seconds.length > 0) times[file] = Math.round(Math.max(...seconds));
    writeFileSync(timesFile, `${JSON.stringify(times, null, 2)}\n`);
  }
  return { ...totals, byFile };

  /** One file in its own process; its output is printed whole when it ends, so parallel files do not interleave. */
  function start(job, id) {
    const results = join(resultsDir, `e2e-${id}.json`);
    const label = `${relative('e2e', job.file)}${rounds > 1 ? ` (round ${job.round})` : ''}`;
    console.log(`  ▶ ${label} [${job.load}]`);
    const started = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', 'scripts/lib/run-jasmine.mjs', '--results', results, job.file], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const deadline = setTimeout(() => {
      output += `\n${label}: still running after ${FILE_DEADLINE_MS / 60_000} min; killed.\n`;
      child.kill('SIGKILL');
    }, FILE_DEADLINE_MS);
    return new Promise((resolve) => {
      child.once('close', (code) => {
        clearTimeout(deadline);
        const seconds = (Date.now() - started) / 1000;
        let counts = { passed: 0, failed: 1 };
        if (existsSync(results)) {
          counts = JSON.parse(readFileSync(results, 'utf8'));
          if (code !== 0 && counts.failed === 0) counts.failed = 1;
        } else output += `\n${label}: no results were written; counted as one failure.\n`;
        const mark = counts.failed === 0 ? '✔' : '✘';
        console.log(`\n── ${mark} ${label}: ${counts.passed} passed, ${counts.failed} failed in ${seconds.toFixed(1)} s\n${output.trimEnd()}\n`);
        resolve({ ...counts, seconds });
      });
    });
  }
}
