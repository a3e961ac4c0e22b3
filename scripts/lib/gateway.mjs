// Starts the built gateway (dist/api/main.js) as a child process and waits
// for its "Parley is running at ..." line. Used by `npm start`, the e2e
// tests and the benchmarks, so all three run Parley the same way.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withServerPriority } from './server-priority.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The gateway logs JSON, so the URL ends at the closing quote of its "msg".
const READY = /Parley is running at (http:\/\/[^\s"]+)/;
// Announced just before READY: the separate metrics listener (METRICS_PORT).
const METRICS = /Metrics are served at (http:\/\/[^\s"]+)/;

/**
 * @param {{ env?: Record<string,string>, echo?: boolean, logFile?: string, timeoutMs?: number }} [options]
 *   `env` is added to this process's environment; `echo` forwards the
 *   gateway's output to ours (otherwise it is kept for error messages);
 *   `logFile` keeps all of it in that file too.
 * @returns {Promise<{ url: string, port: number, metricsUrl: string, pid: number, output: () => string, stop: () => Promise<void>,
 *   exited: Promise<{ code: number | null, signal: string | null }> }>}
 */
export function startGateway({ env = {}, echo = false, logFile, timeoutMs = 60_000 } = {}) {
  const child = spawn(...withServerPriority(process.execPath, ['--enable-source-maps', join(ROOT, 'dist/api/main.js')]), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  if (file) {
    child.stdout.pipe(file, { end: false });
    child.stderr.pipe(file, { end: false });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => file?.end());
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
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`The gateway did not start within ${timeoutMs} ms:\n${log.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      log = (log + text).slice(-65_536);
      if (echo) process.stdout.write(text);
      const match = READY.exec(log);
      if (match && match[1]) {
        clearTimeout(timer);
        const url = match[1];
        const metricsUrl = METRICS.exec(log)?.[1] ?? '';
        resolve({ url, port: Number(new URL(url).port), metricsUrl, pid: child.pid, output: () => log, stop, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The gateway exited (${code ?? signal}) before it was ready:\n${log.slice(-4000)}`));
    });
  });
}
