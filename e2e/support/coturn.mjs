// A throw-away coturn for the TURN e2e tests: Debian's `turnserver` with
// use-auth-secret (the TURN REST scheme the gateway hands credentials for),
// plain UDP/TCP only, on a free port, with its own secret, realm, database
// and log. Stopped by `stop()`, and killed if the test process exits first.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureDebianPackage } from '../../scripts/lib/apt.mjs';
import { ROOT } from '../../scripts/lib/gateway.mjs';

const TURNSERVER = '/usr/bin/turnserver';
const READY_TIMEOUT_MS = 10_000;
/**
 * Relay ports above Linux's ephemeral range (32768-60999), so they never
 * collide with the browsers' and Janus's own sockets.
 */
const RELAY_PORTS = { min: 61_000, max: 61_199 };

/**
 * Debian's coturn, installed with apt-get when missing and we are root;
 * otherwise an Error saying exactly what to install.
 */
export function ensureCoturn() {
  try {
    return ensureDebianPackage(TURNSERVER, 'coturn');
  } catch (error) {
    throw new Error(`The TURN tests need coturn's turnserver (${TURNSERVER}): ${error.message}`);
  }
}

/** A port free for both TCP and UDP on `host` (TURN listens on both). */
async function freePort(host) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const { port: picked } = server.address();
        server.close(() => resolve(picked));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, host, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('No port free for both TCP and UDP');
}

/**
 * The address Janus puts in its host candidates: the machine's first
 * non-loopback IPv4 address (Janus skips loopback). coturn must relay from
 * an address Janus can answer; relaying from 127.0.0.1 to it was tried and
 * ICE checks never succeed.
 */
export function lanAddress() {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
  if (!address) throw new Error('This machine has no non-loopback IPv4 address for coturn to relay from (and Janus to listen on)');
  return address.address;
}

/** Compose's `${NAME:-default}` with an empty .env. */
const withDefaults = (value) => String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

/**
 * docker-compose.yml's coturn flags that decide where coturn relays to and
 * how much (peer policy, TCP relays, quotas, bandwidth), with compose's
 * defaults, and Janus's compose address replaced by `janusIp`: the test
 * runs the deployment's own policy, not a copy of it.
 */
export function composeRelayPolicy(janusIp) {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
  const composeJanusIp = withDefaults(compose.services.janus.networks.private.ipv4_address);
  return compose.services.coturn.command
    .map(withDefaults)
    .filter((arg) => /^--(denied-peer-ip|allowed-peer-ip|user-quota|total-quota|max-bps)=|^--no-(tcp-relay|multicast-peers)$/.test(arg))
    .map((arg) => (arg === `--allowed-peer-ip=${composeJanusIp}` ? `--allowed-peer-ip=${janusIp}` : arg));
}

const canConnect = (host, port) =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts turnserver listening on `listeningIp` (browsers reach it there) and
 * relaying from `relayIp` (Janus sees media come from there), with
 * docker-compose.yml's relay policy: it relays to `janusIp` (Janus's host
 * candidates, the machine's LAN address) and to no other address at all.
 *
 * @param {{ listeningIp?: string, relayIp?: string, janusIp?: string, logFile?: string }} [options]
 *   `logFile` receives a copy of coturn's log when it stops.
 * @returns {Promise<{ host: string, port: number, relayIp: string, janusIp: string, secret: string, realm: string, pid: number,
 *   urls: string[], log: () => string, stop: () => Promise<void> }>}
 */
export async function startCoturn({ listeningIp = '127.0.0.1', relayIp = lanAddress(), janusIp = lanAddress(), logFile } = {}) {
  const binary = ensureCoturn();
  const dir = mkdtempSync(join(tmpdir(), 'parley-coturn-'));
  const port = await freePort(listeningIp);
  const secret = randomBytes(24).toString('hex');
  const realm = 'parley.test';
  const log = join(dir, 'turn.log');
  const args = [
    '-n', // no turnserver.conf: everything is on this command line
    `--listening-ip=${listeningIp}`,
    `--listening-port=${port}`,
    `--relay-ip=${relayIp}`,
    `--min-port=${RELAY_PORTS.min}`,
    `--max-port=${RELAY_PORTS.max}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${realm}`,
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--fingerprint',
    `--log-file=${log}`,
    '--simple-log',
    '--no-stdout-log',
    `--pidfile=${join(dir, 'turn.pid')}`,
    `--userdb=${join(dir, 'turndb')}`,
    ...composeRelayPolicy(janusIp),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-8_192)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-8_192)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const readLog = () => {
    try {
      return readFileSync(log, 'utf8');
    } catch {
      return output;
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    if (logFile) {
      try {
        copyFileSync(log, logFile);
      } catch {
        // coturn may have died before writing a log; the start error says why.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await canConnect(listeningIp, port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = readLog().split('\n').slice(-30).join('\n');
      await stop();
      throw new Error(`turnserver did not start on ${listeningIp}:${port}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    host: listeningIp,
    port,
    relayIp,
    janusIp,
    secret,
    realm,
    pid: child.pid,
    urls: [`turn:${listeningIp}:${port}?transport=udp`, `turn:${listeningIp}:${port}?transport=tcp`],
    log: readLog,
    stop,
  };
}
