// e2e-load: call
// The safe defaults an operator gets (issue #16), checked on the real stack:
// the public port never serves metrics, HEAD answers like GET, a production
// gateway refuses placeholder secrets, Janus refuses API clients without its
// api_secret, and media still flows when browsers' private ICE candidates
// are dropped (ALLOW_PRIVATE_CANDIDATES=false, as compose sets it).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRoomId } from '@parley/protocol';
import WebSocket from 'ws';
import { startGateway } from '../scripts/lib/gateway.mjs';
import { CLIENT_BUILD_DIR, launchChromium, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';

const VIDEO = 'e2e-video=320x180@15';

/** One HTTP request; resolves with the status, headers and body bytes received. */
function fetchRaw(url, method) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { accept: 'text/html,*/*' } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One Janus API request over a fresh WebSocket; resolves with Janus's reply. */
function askJanus(url, body) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'janus-protocol');
    const transaction = randomBytes(6).toString('hex');
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ ...body, transaction })));
    ws.on('message', (data) => {
      const reply = JSON.parse(String(data));
      if (reply.transaction !== transaction || reply.janus === 'ack') return;
      ws.close();
      resolve(reply);
    });
  });
}

describe('Safe defaults', () => {
  let parley;

  beforeAll(async () => {
    parley = await startParley();
  }, 30_000);

  afterAll(async () => {
    await parley?.stop();
  }, 30_000);

  it('answers HEAD like GET, without a body, for the home page, a room link and the main bundle', async () => {
    const html = (await fetchRaw(`${parley.url}/`, 'GET')).body.toString();
    const bundle = /<script src="(main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(bundle).withContext('index.html loads a hashed main script').toBeDefined();
    for (const path of ['/', '/r/x', `/${bundle}`]) {
      const get = await fetchRaw(`${parley.url}${path}`, 'GET');
      const head = await fetchRaw(`${parley.url}${path}`, 'HEAD');
      expect(get.status).withContext(`GET ${path}`).toBe(200);
      expect(head.status).withContext(`HEAD ${path}`).toBe(200);
      expect(head.body.length).withContext(`HEAD ${path} body`).toBe(0);
      expect(head.headers['content-type']).withContext(path).toBe(get.headers['content-type']);
      expect(head.headers['cache-control']).withContext(path).toBe(get.headers['cache-control']);
    }
  });

  it('answers 404 on the public port for every spelling of /metrics, and serves them on the metrics listener', async () => {
    for (const path of ['/metrics', '/metrics/', '/METRICS', '/Metrics/', '/metrics?format=text', '/metrics/x']) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await fetchRaw(`${parley.url}${path}`, method);
        expect(answer.status).withContext(`${method} ${path}`).toBe(404);
        expect(answer.body.toString()).withContext(`${method} ${path}`).not.toContain('parley_');
      }
    }
    const metricsUrl = new URL(parley.metricsUrl);
    expect(metricsUrl.hostname).withContext('bound to loopback by default').toBe('127.0.0.1');
    expect(metricsUrl.port).not.toBe(String(parley.port));
    const scrape = await fetchRaw(parley.metricsUrl, 'GET');
    expect(scrape.status).toBe(200);
    expect(scrape.body.toString()).toContain('parley_rooms');
    expect((await fetchRaw(`${metricsUrl.origin}/`, 'GET')).status).toBe(404);
  });

  it('refuses to start in production with a placeholder secret, naming the variable', async () => {
    const own = () => randomBytes(16).toString('hex');
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-production-'));
    const base = {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      CLIENT_DIR: CLIENT_BUILD_DIR,
      DATA_DIR: dataDir,
      JANUS_URL: process.env.JANUS_URL,
      JANUS_ADMIN_KEY: own(),
      // The run's own (random) api_secret, so the accepted gateway reaches Janus at once.
      JANUS_API_SECRET: process.env.JANUS_API_SECRET,
      TURN_URLS: 'turn:127.0.0.1:3478',
      TURN_SECRET: own(),
    };
    try {
      for (const [name, placeholder] of [
        ['TURN_SECRET', 'change-me-to-the-output-of-openssl-rand-hex-32'],
        ['JANUS_ADMIN_KEY', 'parley-dev-admin-key'],
        ['JANUS_API_SECRET', 'parley-dev-api-secret'],
      ]) {
        await expectAsync(startGateway({ env: { ...base, [name]: placeholder } }))
          .withContext(name)
          .toBeRejectedWithError(new RegExp(`exited \\(1\\)[\\s\\S]*${name}: is a placeholder`));
      }
      const accepted = await startGateway({ env: base });
      await accepted.stop();
      expect(accepted.port).toBeGreaterThan(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs a Janus that refuses API requests without its api_secret', async () => {
    const janusUrl = process.env.JANUS_URL;
    const without = await askJanus(janusUrl, { janus: 'create' });
    expect(without.janus).toBe('error');
    expect(without.error).toEqual({ code: 403, reason: 'Unauthorized request (wrong or missing secret/token)' });
    const wrong = await askJanus(janusUrl, { janus: 'create', apisecret: 'guessed' });
    expect(wrong.error?.code).toBe(403);
    const right = await askJanus(janusUrl, { janus: 'create', apisecret: process.env.JANUS_API_SECRET });
    expect(right.janus).toBe('success');
    await askJanus(janusUrl, { janus: 'destroy', session_id: right.data.id, apisecret: process.env.JANUS_API_SECRET });
  });

  describe('with ALLOW_PRIVATE_CANDIDATES=false', () => {
    let strict;
    let browser;

    beforeAll(async () => {
      strict = await startParley({ ALLOW_PRIVATE_CANDIDATES: 'false' });
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await strict?.stop();
    }, 30_000);

    it('still carries two people’s media through Janus', async () => {
      const room = newRoomId();
      const people = [await newParticipant(browser), await newParticipant(browser)];
      try {
        for (const [index, { page }] of people.entries()) {
          await page.goto(`${strict.url}/r/${room}?${VIDEO}`);
          await page.getByLabel('Your name').fill(index === 0 ? 'Ada' : 'Bob');
          await page.getByRole('button', { name: 'Join', exact: true }).click();
        }
        for (const { page } of people) {
          const counters = await waitFor(
            () => mediaCounters(page),
            (now) => now.videoFramesDecoded > 10 && now.audioPacketsReceived > 20,
            30_000,
          );
          expect(counters.videoFramesDecoded).toBeGreaterThan(10);
          expect(counters.audioPacketsReceived).toBeGreaterThan(20);
        }
        // What Chromium offered here, and which of its addresses media took.
        const seen = await people[0].page.evaluate(async () => {
          const local = new Set();
          const selected = new Set();
          for (const pc of window.__parleyPcs ?? []) {
            const stats = await pc.getStats();
            stats.forEach((s) => {
              if (s.type === 'local-candidate') local.add(`${s.candidateType} ${s.address ?? '?'}`);
              if (s.type === 'transport' && s.selectedCandidatePairId) {
                const pair = stats.get(s.selectedCandidatePairId);
                const candidate = pair && stats.get(pair.localCandidateId);
                if (candidate) selected.add(`${candidate.candidateType} ${candidate.address}`);
              }
            });
          }
          return { local: [...local], selected: [...selected] };
        });
        console.log(`\n    Chromium's candidates here: ${seen.local.join(', ')}; media on ${seen.selected.join(', ')}`);
        expect(seen.selected.length).toBeGreaterThan(0);
      } finally {
        for (const { context } of people) await context.close();
      }
    }, 90_000);
  });
});
