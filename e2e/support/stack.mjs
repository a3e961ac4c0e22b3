// The real stack for end-to-end tests: the gateway built in dist/ (talking to
// the Janus that scripts/test.mjs started, from JANUS_URL) and headless
// Chromium with a fake camera and microphone. Nothing here is mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startGateway } from '../../scripts/lib/gateway.mjs';

/**
 * The built client the gateways serve: dist/client/browser, or
 * PARLEY_E2E_CLIENT_DIR (a build elsewhere, e.g. `ng build --output-path`,
 * so a run does not depend on what is in the shared dist/ at the time).
 */
export const CLIENT_BUILD_DIR = process.env.PARLEY_E2E_CLIENT_DIR
  ? join(process.env.PARLEY_E2E_CLIENT_DIR, 'browser')
  : join(ROOT, 'dist/client/browser');

/**
 * Starts a gateway on a free port with its own data folder. `restart()`
 * stops it and starts it again on the same port with the same data folder,
 * as a server restart would (clients reconnect to the same URL).
 */
export async function startParley(extraEnv = {}, { logFile } = {}) {
  const janusUrl = process.env.JANUS_URL;
  if (!janusUrl) throw new Error('JANUS_URL is not set: run the e2e tests through `npm test`, which starts Janus.');
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    // Several gateways run side by side: each takes a free metrics port (gateway.metricsUrl).
    METRICS_PORT: '0',
    DATA_DIR: dataDir,
    CLIENT_DIR: CLIENT_BUILD_DIR,
    JANUS_URL: janusUrl,
    JANUS_ADMIN_KEY: process.env.JANUS_ADMIN_KEY ?? 'parley-dev-admin-key',
    JANUS_API_SECRET: process.env.JANUS_API_SECRET ?? 'parley-dev-api-secret',
    ...extraEnv,
  };
  let gateway = await startGateway({ env, logFile });
  const parley = {
    ...gateway,
    dataDir,
    async restart() {
      await gateway.stop();
      gateway = await startGateway({ env: { ...env, PORT: String(gateway.port) }, logFile });
      Object.assign(parley, { ...gateway, stop: parley.stop, restart: parley.restart });
    },
    async stop() {
      await gateway.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return parley;
}

/**
 * The gateway the e2e runner (scripts/lib/e2e-pool.mjs, through
 * scripts/test.mjs) started for every spec that needs nothing but the
 * defaults, named by PARLEY_E2E_GATEWAY_URL: such a spec costs no gateway
 * start and uses fresh rooms on it, beside whatever else runs. A spec that
 * restarts the gateway, changes its settings, or reads its metrics or logs
 * starts its own with startParley(). Run without the runner, this starts a
 * private gateway too. `stop()` leaves a shared gateway running.
 */
export async function sharedParley() {
  const url = process.env.PARLEY_E2E_GATEWAY_URL;
  if (!url) return startParley();
  return { url, port: Number(new URL(url).port), shared: true, async stop() {} };
}

/**
 * Headless Chromium with fake media and no prompts. For screen sharing both
 * fake-media flags matter (checked with Chromium 156): with
 * `--use-fake-ui-for-media-stream` getDisplayMedia picks a screen itself,
 * without a picker or a user gesture, and `--use-fake-device-for-media-stream`
 * makes it a synthetic 1280×720 screen (at the constraints' max size when
 * they give one) plus a fake audio track. Without the first, getDisplayMedia
 * waits for a picker nobody can click; without the second, it fails with
 * NotReadableError. `--auto-select-desktop-capture-source` is not needed.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * The Chromium of a spec file; participants are contexts in it. With the
 * plain CHROMIUM_ARGS it is the runner's shared browser
 * (PARLEY_E2E_CHROMIUM_WS, a Playwright browser server) when there is one:
 * closing it then closes this spec's contexts and disconnects, and the next
 * spec starts no browser. `extraArgs` (added to CHROMIUM_ARGS) need a
 * browser of the spec's own.
 */
export function launchChromium(extraArgs = []) {
  const shared = process.env.PARLEY_E2E_CHROMIUM_WS;
  if (shared && extraArgs.length === 0) return chromium.connect(shared);
  return chromium.launch({ executablePath: process.env.CHROME_BIN ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Records every RTCPeerConnection the page creates in `window.__parleyPcs`,
 * so tests can read their stats and descriptions without app hooks.
 */
function recordPeerConnections() {
  const Native = window.RTCPeerConnection;
  const created = [];
  window.__parleyPcs = created;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      created.push(this);
    }
  };
}

/** A new participant: its own browser context (own storage, own devices). */
export async function newParticipant(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['camera', 'microphone']);
  await context.addInitScript(recordPeerConnections);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // What the app warns about (a failed call, a reconnect), timed, for a failure's diagnosis.
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('Parley:')) {
      warnings.push(`${new Date().toISOString().slice(11, 23)} ${message.text().split('\n')[0]}`);
    }
  });
  return { context, page, errors, warnings };
}

/**
 * The participants a spec opens in `browser()` (read when one is opened, so
 * a browser launched in beforeAll works): `open()` adds one, `closeAll()`
 * closes their contexts, for an afterEach.
 */
export function openedParticipants(browser) {
  let opened = [];
  return {
    async open() {
      const participant = await newParticipant(browser());
      opened.push(participant);
      return participant;
    },
    async closeAll() {
      const closing = opened;
      opened = [];
      await Promise.all(closing.map(({ context }) => context.close().catch(() => undefined)));
    },
  };
}

/** Media counters of every recorded peer connection, summed by kind and direction. */
export function mediaCounters(page) {
  return page.evaluate(async () => {
    const totals = { audioPacketsReceived: 0, videoFramesDecoded: 0, videoFramesEncoded: 0, audioPacketsSent: 0 };
    for (const pc of window.__parleyPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') totals.audioPacketsReceived += s.packetsReceived ?? 0;
        if (s.type === 'inbound-rtp' && s.kind === 'video') totals.videoFramesDecoded += s.framesDecoded ?? 0;
        if (s.type === 'outbound-rtp' && s.kind === 'video') totals.videoFramesEncoded += s.framesEncoded ?? 0;
        if (s.type === 'outbound-rtp' && s.kind === 'audio') totals.audioPacketsSent += s.packetsSent ?? 0;
      });
    }
    return totals;
  });
}

/** Polls `probe` until `accept` holds or `timeoutMs` passes; returns the last value. */
export async function waitFor(probe, accept, timeoutMs = 30_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await probe();
  }
  return value;
}
