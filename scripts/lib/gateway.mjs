// Starts the built gateway (dist/api/main.js) as a child process and waits
// for its "Parley is running at ..." line. Used by `npm start`, the e2e
// tests and the benchmarks, so all three run Parley the same way.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withServerPriority } from './server-priority.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The gateway logs JSON, so the URL ends at the closing quote of its "msg".
const READY = /Parley is running at (http:\/\/[^\s"]+)/;
// Announced just before READY: the separate metrics listener (METRICS_PORT).
const METRICS = /Metrics are served at (http:\/\/[^\s"]+)/;

/**
 * @param {{ env?: Record<string,string>, nodeArgs?: string[], echo?: boolean, logFile?: string, timeoutMs?: number }} [options]
 *   `env` is added to this process's environment; `nodeArgs` go to node
 *   before the script (a benchmark's `--cpu-prof`); `echo` forwards the
 *   gateway's output to ours (otherwise it is kept for error messages);
 *   `logFile` sends it straight to that file instead (appended), so a busy
 *   parent that reads late never makes the gateway wait on a full pipe.
 * @returns {Promise<{ url: string, port: number, metricsUrl: string, pid: number, output: () => string, stop: () => Promise<void>,
 *   exited: Promise<{ code: number | null, signal: string | null }> }>}
 */
export function startGateway({ env = {}, nodeArgs = [], echo = false, logFile, timeoutMs = 60_000 } = {}) {
  const fileStart = logFile && existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = logFile ? openSync(logFile, 'a') : null;
  const child = spawn(...withServerPriority(process.execPath, ['--enable-source-maps', ...nodeArgs, join(ROOT, 'dist/api/main.js')]), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: fd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
  });
  if (fd !== null) closeSync(fd);
  let piped = '';
  /** The last 64 KiB of this gateway's output. */
  const output = () => (logFile ? tailOf(logFile, fileStart) : piped);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  exited.then(() => process.off('exit', onExit));

  return new Promise((resolve, reject) => {
    let poll;
    const done = () => {
      clearTimeout(timer);
      clearInterval(poll);
    };
    const timer = setTimeout(() => {
      done();
      stop();
      reject(new Error(`The gateway did not start within ${timeoutMs} ms:\n${output().slice(-4000)}`));
    }, timeoutMs);
    const check = () => {
      const log = output();
      const match = READY.exec(log);
      if (match && match[1]) {
        done();
        const url = match[1];
        const metricsUrl = METRICS.exec(log)?.[1] ?? '';
        resolve({ url, port: Number(new URL(url).port), metricsUrl, pid: child.pid, output, stop, exited });
      }
    };
    if (logFile) {
      poll = setInterval(check, 100);
    } else {
      const onData = (chunk) => {
        const text = chunk.toString();
        piped = (piped + text).slice(-65_536);
        if (echo) process.stdout.write(text);
        check();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    }
    exited.then(({ code, signal }) => {
      done();
      reject(new Error(`The gateway exited (${code ?? signal}) before it was ready:\n${output().slice(-4000)}`));
    });
  });
}

/** The last 64 KiB written to `file` after byte `from`. */
function tailOf(file, from) {
  const size = statSync(file).size;
  const start = Math.max(from, size - 65_536);
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  return buffer.toString();
}
