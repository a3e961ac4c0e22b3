// e2e-load: light
// What an operator's tooling sees of a running gateway: liveness, readiness
// (Janus and the store), Prometheus metrics that follow real joins, and
// logs that are JSON line by line.
import { get } from 'node:http';
import { createServer } from 'node:net';
import { newRoomId } from '@parley/protocol';
import { startParley, waitFor } from './support/stack.mjs';
import { connectSocket } from './support/socket.mjs';

/** The value of one series in a Prometheus text exposition, or undefined. */
function sample(text, name, labels = {}) {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/i.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

async function metrics(parley) {
  const response = await fetch(parley.metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}


/** A loopback port with nothing listening on it. */
function deadPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** GETs `url` with the given Accept-Encoding; resolves with the status, headers and the bytes on the wire. */
function getRaw(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks).length }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('Operating the gateway', () => {
  let parley;

  beforeAll(async () => {
    parley = await startParley({ LOG_LEVEL: 'debug' });
  }, 30_000);

  afterAll(async () => {
    await parley?.stop();
  }, 30_000);

  it('is alive and ready while Janus is reachable and the store takes writes', async () => {
    const health = await fetch(`${parley.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${parley.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', janus: true, janusDown: [], store: true, failed: [] });
  });

  it('serves the client compressed (brotli or gzip) to browsers that accept it, and whole to those that do not', async () => {
    const html = await (await fetch(`${parley.url}/`)).text();
    const script = /<script src="(main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).withContext('index.html loads a hashed main script').toBeDefined();
    const plain = await getRaw(`${parley.url}/${script}`);
    const gzipped = await getRaw(`${parley.url}/${script}`, 'gzip, deflate');
    const brotli = await getRaw(`${parley.url}/${script}`, 'gzip, deflate, br');
    console.log(`\n    ${script}: ${plain.bytes} bytes whole, ${gzipped.bytes} gzip, ${brotli.bytes} brotli`);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.bytes).toBeLessThan(plain.bytes / 2);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toContain('immutable');
    expect(gzipped.bytes).toBeLessThan(plain.bytes / 2);
    const shell = await getRaw(`${parley.url}/r/abcde-fghjk`, 'gzip');
    expect(shell.headers['content-encoding']).withContext('a deep link gets the compressed app shell').toBe('gzip');
  });

  it('exposes metrics that follow joins, failed joins, leaves and connections', async () => {
    const before = await metrics(parley);
    expect(sample(before, 'parley_janus_up')).toBe(1);
    expect(sample(before, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(before, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // Other specs share this gateway (and a dropped participant is held for the resume grace), so counts are relative.
    const count = (text, name, labels) => sample(text, name, labels) ?? 0;
    const was = (name, labels) => count(before, name, labels);

    const room = newRoomId();
    const ada = await connectSocket(parley.url);
    const bob = await connectSocket(parley.url);
    try {
      expect((await ada.timeout(10_000).emitWithAck('room.join', { room, name: 'Ada' })).ok).toBeTrue();
      expect((await bob.timeout(10_000).emitWithAck('room.join', { room, name: 'Bob' })).ok).toBeTrue();
      const bad = await bob.timeout(10_000).emitWithAck('room.join', { room: '', name: '' });
      expect(bad.error.code).toBe('validation.failed');

      const during = await metrics(parley);
      expect(count(during, 'parley_rooms')).toBe(was('parley_rooms') + 1);
      expect(count(during, 'parley_participants')).toBe(was('parley_participants') + 2);
      expect(count(during, 'parley_joins_total')).toBe(was('parley_joins_total') + 2);
      const invalid = { code: 'validation.failed' };
      expect(count(during, 'parley_join_failures_total', invalid)).toBe(was('parley_join_failures_total', invalid) + 1);
      expect(count(during, 'parley_socketio_connections')).toBe(was('parley_socketio_connections') + 2);
      const joinedPush = { event: 'participant.joined' };
      expect(count(during, 'parley_pushes_total', joinedPush)).toBe(was('parley_pushes_total', joinedPush) + 1);

      await ada.timeout(10_000).emitWithAck('room.leave', {});
    } finally {
      ada.disconnect();
      bob.disconnect();
    }
    const after = await waitFor(
      () => metrics(parley),
      (text) =>
        count(text, 'parley_socketio_connections') === was('parley_socketio_connections') &&
        count(text, 'parley_participants') === was('parley_participants'),
    );
    expect(count(after, 'parley_socketio_connections')).toBe(was('parley_socketio_connections'));
    // Ada left with room.leave, Bob by closing his socket on purpose (which is not held for resumption).
    expect(count(after, 'parley_leaves_total')).toBe(was('parley_leaves_total') + 2);
    expect(count(after, 'parley_participants')).toBe(was('parley_participants'));
  });

  it('writes every log line as JSON, with the room and participant of the request', async () => {
    const room = newRoomId();
    const socket = await connectSocket(parley.url);
    let self;
    try {
      const joined = await socket.timeout(10_000).emitWithAck('room.join', { room, name: 'Logged' });
      self = joined.data.self.id;
    } finally {
      socket.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = parley
      .output()
      .split('\n')
      .filter((line) => line.length > 0);
    expect(lines.length).toBeGreaterThan(5);
    const records = lines.map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return { notJson: line };
      }
    });
    expect(records.filter((r) => r.notJson !== undefined).map((r) => r.notJson)).toEqual([]);
    const join = records.find((r) => r.event === 'room.join' && r.outcome === 'ok' && r.participantId === self);
    expect(join).toEqual(jasmine.objectContaining({ level: 'debug', room, context: 'Requests' }));
  });

  it('is alive but not ready (503, naming janus) while Janus cannot be reached', async () => {
    const nowhere = `ws://127.0.0.1:${await deadPort()}`;
    const orphan = await startParley({ JANUS_URL: nowhere });
    try {
      expect((await fetch(`${orphan.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${orphan.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', janus: false, janusDown: [nowhere], store: true, failed: ['janus'] });
      const text = await metrics(orphan);
      expect(sample(text, 'parley_janus_up', { instance: nowhere })).toBe(0);

      const socket = await connectSocket(orphan.url);
      try {
        const refused = await socket.timeout(10_000).emitWithAck('room.join', { room: newRoomId(), name: 'Ada' });
        expect(refused.error.code).toBe('janus.unavailable');
      } finally {
        socket.disconnect();
      }
      expect(sample(await metrics(orphan), 'parley_join_failures_total', { code: 'janus.unavailable' })).toBe(1);
    } finally {
      await orphan.stop();
    }
  }, 60_000);
});
