// Installs and runs a throw-away Janus for local runs, tests and benchmarks.
//
// Every instance runs from a fresh temp copy of janus/*.jcfg (so several can
// run side by side on different WebSocket ports, sharing the RTP port range
// unless given one of its own)
// and is killed when the calling process exits, so a crashed test run never
// leaves a Janus holding ports behind.

import { spawn } from 'node:child_process';
import { constants as fsConstants, closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { access, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { ensureJanus } from './janus-install.mjs';
import { withServerPriority } from './server-priority.mjs';

const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'janus');
const READY_TIMEOUT_MS = 45_000;
const STOP_GRACE_MS = 3_000;
const LOG_TAIL_LINES = 40;

/** Janus processes started by this process and not yet stopped, by pid. */
const running = new Map();

/**
 * Starts a Janus with Parley's config on `port` (or a free loopback port)
 * and resolves once its WebSocket API answers an `info` request.
 *
 * @param {{ port?: number, adminKey?: string, apiSecret?: string, logFile?: string, rtpPorts?: string }} [options]
 *   `adminKey` replaces the VideoRoom admin_key; `apiSecret` janus.jcfg's
 *   api_secret (every API request must carry it; default: JANUS_API_SECRET
 *   from this process's environment, as the gateway started beside it reads
 *   it, else the committed development value); `logFile` receives Janus's
 *   output (appended), otherwise it is kept in memory for error messages only;
 *   `rtpPorts` ("min-max") replaces janus.jcfg's rtp_port_range.
 * @returns {Promise<{ url: string, port: number, pid: number, apiSecret: string, stop: () => Promise<void>,
 *   exited: Promise<{ code: number | null, signal: string | null }> }>}
 */
export async function startJanus({ port, adminKey, apiSecret = process.env.JANUS_API_SECRET, logFile, rtpPorts } = {}) {
  const binary = await ensureJanus();
  if (rtpPorts !== undefined && !/^\d+-\d+$/.test(rtpPorts)) throw new Error(`rtpPorts must look like "min-max", not ${JSON.stringify(rtpPorts)}`);
  const config = { adminKey, apiSecret, rtpPorts };
  if (port !== undefined) return startOnce(binary, port, config, logFile);
  // A port found free may be taken before Janus binds it (Janus then exits
  // at once): pick another one a couple of times before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, await freeLoopbackPort(), config, logFile);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof EarlyExitError)) throw error;
    }
  }
}

/** Janus died before its API answered (bad config, port taken, ...). */
class EarlyExitError extends Error {}

async function startOnce(binary, wsPort, config, logFile) {
  const configDir = await mkdtemp(join(tmpdir(), 'parley-janus-'));
  try {
    await writeConfig(configDir, wsPort, config);
  } catch (error) {
    await rm(configDir, { recursive: true, force: true });
    throw error;
  }

  const output = new OutputSink(logFile);
  // -o: no colours. Not -N: that switches Janus logging off completely.
  const child = spawn(...withServerPriority(binary, ['-F', configDir, '-o']), {
    stdio: ['ignore', output.stdio, output.stdio],
  });
  output.attach(child);
  // A forgotten stop() must not keep the caller alive; the exit hook kills it.
  child.unref();

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const spawnFailed = new Promise((resolve) => child.once('error', resolve));
  const instance = { pid: child.pid, configDir, child, output, exited };
  if (child.pid !== undefined) running.set(child.pid, instance);
  ensureExitHooks();

  let stopping;
  const stop = () => {
    stopping ??= stopInstance(instance);
    return stopping;
  };

  const url = `ws://127.0.0.1:${wsPort}`;
  try {
    const early = await Promise.race([
      waitForApi(url, READY_TIMEOUT_MS).then(() => null),
      exited.then(({ code, signal }) => new EarlyExitError(`janus exited during start-up (${code ?? signal})`)),
      spawnFailed.then((error) => new Error(`could not start ${binary}: ${error.message}`)),
    ]);
    if (early) throw early;
  } catch (error) {
    await stop();
    const tail = output.tail(LOG_TAIL_LINES);
    const Failure = error instanceof EarlyExitError ? EarlyExitError : Error;
    throw new Failure(`${error.message}\n--- last lines of the Janus log${logFile ? ` (${logFile})` : ''} ---\n${tail}`);
  }
  return { url, port: wsPort, pid: child.pid, apiSecret: config.apiSecret ?? DEV_API_SECRET, stop, exited };
}

/** Binds 127.0.0.1:0 to let the kernel pick a port, then releases it. */
function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function writeConfig(configDir, wsPort, { adminKey, apiSecret, rtpPorts }) {
  const names = (await readdir(CONFIG_DIR)).filter((name) => name.endsWith('.jcfg'));
  if (names.length === 0) throw new Error(`no *.jcfg files in ${CONFIG_DIR}`);
  await Promise.all(names.map((name) => copyFile(join(CONFIG_DIR, name), join(configDir, name))));
  // janus.jcfg names Debian's amd64 module folders; elsewhere (arm64) use this machine's.
  const moduleDir = await janusModuleDir();
  if (moduleDir !== AMD64_MODULE_DIR) {
    await rewrite(join(configDir, 'janus.jcfg'), new RegExp(AMD64_MODULE_DIR, 'g'), moduleDir);
  }
  await rewrite(join(configDir, 'janus.transport.websockets.jcfg'), /^(\s*ws_port\s*=\s*)\d+/m, `$1${wsPort}`);
  if (rtpPorts !== undefined) {
    await rewrite(join(configDir, 'janus.jcfg'), /^(\s*rtp_port_range\s*=\s*)"[^"\n]*"/m, `$1"${rtpPorts}"`);
  }
  if (apiSecret !== undefined) {
    await rewrite(join(configDir, 'janus.jcfg'), /^(\s*api_secret\s*=\s*)"[^"\n]*"/m, `$1${JSON.stringify(apiSecret).replaceAll('$', '$$$$')}`);
  }
  if (adminKey !== undefined) {
    // JSON.stringify gives a double-quoted, escaped string, valid libconfig.
    await rewrite(join(configDir, 'janus.plugin.videoroom.jcfg'), /^(\s*admin_key\s*=\s*)"[^"\n]*"/m, `$1${JSON.stringify(adminKey).replaceAll('$', '$$$$')}`);
  }
}

const AMD64_MODULE_DIR = '/usr/lib/x86_64-linux-gnu/janus';
/** janus/janus.jcfg's committed api_secret, in force when none is given. */
const DEV_API_SECRET = 'parley-dev-api-secret';

/** Where Debian's janus package put its plugins and transports on this machine. */
async function janusModuleDir() {
  for (const dir of [AMD64_MODULE_DIR, ...(await multiarchDirs())]) {
    try {
      await access(join(dir, 'plugins'), fsConstants.R_OK);
      return dir;
    } catch {
      // Not this architecture's folder.
    }
  }
  return AMD64_MODULE_DIR;
}

async function multiarchDirs() {
  try {
    return (await readdir('/usr/lib')).filter((name) => name.endsWith('-linux-gnu')).map((name) => join('/usr/lib', name, 'janus'));
  } catch {
    return [];
  }
}

async function rewrite(file, pattern, replacement) {
  const text = await readFile(file, 'utf8');
  if (!pattern.test(text)) throw new Error(`${file}: no line matches ${pattern}`);
  await writeFile(file, text.replace(pattern, replacement));
}

/** Polls the Janus API with `info` requests until one is answered. */
async function waitForApi(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = new Error('no attempt made');
  while (Date.now() < deadline) {
    try {
      await askInfo(url, Math.min(2_000, Math.max(100, deadline - Date.now())));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`Janus API at ${url} did not answer within ${timeoutMs} ms (${lastError.message})`);
}

function askInfo(url, timeoutMs) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'janus-protocol');
    const timer = setTimeout(() => finish(new Error('info request timed out')), timeoutMs);
    function finish(error) {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      if (error) reject(error);
      else resolve();
    }
    ws.on('open', () => ws.send(JSON.stringify({ janus: 'info', transaction: 'x' })));
    ws.on('message', (data) => {
      try {
        const reply = JSON.parse(String(data));
        if (reply.transaction === 'x' && reply.janus === 'server_info') finish();
      } catch (error) {
        finish(error);
      }
    });
    ws.on('error', (error) => finish(error));
    ws.on('close', () => finish(new Error('closed before answering')));
  });
}

async function stopInstance({ pid, configDir, child, output, exited }) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    let timer;
    const graceOver = new Promise((resolve) => {
      timer = setTimeout(resolve, STOP_GRACE_MS, 'timeout');
    });
    const outcome = await Promise.race([exited, graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }
  output.close();
  running.delete(pid);
  await rm(configDir, { recursive: true, force: true });
}

/**
 * Where Janus's stdout/stderr go: appended to the log file when there is one
 * (read back for error messages), else kept as a short in-memory tail.
 */
class OutputSink {
  constructor(logFile) {
    this.logFile = logFile;
    this.fd = logFile ? openSync(logFile, 'a') : null;
    this.stdio = this.fd ?? 'pipe';
    this.lines = [];
    this.partial = '';
  }

  attach(child) {
    if (this.fd !== null) return;
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => this.collect(chunk));
      // The pipes must not keep the parent alive either (see child.unref()).
      stream.unref?.();
    }
  }

  collect(chunk) {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > 4 * LOG_TAIL_LINES) this.lines.splice(0, this.lines.length - LOG_TAIL_LINES);
  }

  tail(count) {
    if (this.logFile) {
      try {
        return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
      } catch (error) {
        return `(could not read ${this.logFile}: ${error.message})`;
      }
    }
    return [...this.lines, this.partial].filter(Boolean).slice(-count).join('\n') || '(no output)';
  }

  close() {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

let hooksInstalled = false;

/**
 * Kills every Janus we started when this process goes away. 'exit' covers
 * normal ends and process.exit(); the signal hooks cover Ctrl-C and CI
 * cancellations, and only act when nobody else handles the signal, so they
 * never change the caller's own signal handling.
 */
function ensureExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      killAllNow();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Synchronous on purpose: it runs inside process.on('exit'). */
function killAllNow() {
  for (const { child, configDir } of running.values()) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(configDir, { recursive: true, force: true });
  }
  running.clear();
}
