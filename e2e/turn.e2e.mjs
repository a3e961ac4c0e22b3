// e2e-load: call
// TURN for real: Debian's coturn with use-auth-secret, the gateway handing
// out short-lived credentials for it in room.join, and a browser whose peer
// connections may only use relayed candidates. Media must flow both ways
// through coturn, and coturn must refuse credentials whose expiry has passed.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { newRoomId, PROTOCOL_VERSION } from '@parley/protocol';
import { io } from 'socket.io-client';
import { ROOT } from '../scripts/lib/gateway.mjs';
import { startCoturn } from './support/coturn.mjs';
import { launchChromium, mediaCounters, newParticipant, startParley, waitFor } from './support/stack.mjs';
import { openTurnAllocation, turnAllocate } from './support/turn-client.mjs';

const VIDEO = 'e2e-video=320x180@15';
/** The TURN credentials' lifetime the main gateway of this spec hands out. */
const TTL_SECONDS = 600;

/** The TURN REST credential, computed here independently of the gateway's code. */
function restCredential(secret, expiresAt, user) {
  const username = `${expiresAt}:${user}`;
  return { username, password: createHmac('sha1', secret).update(username).digest('base64') };
}

/** Init script: every RTCPeerConnection the page makes may only use relayed (TURN) candidates. */
function forceRelay() {
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config = {}, ...rest) {
      super({ ...config, iceTransportPolicy: 'relay' }, ...rest);
    }
  };
}

/** For each open peer connection: the selected pair's local candidate type and protocol, and bytes carried. */
function selectedPairs(page) {
  return page.evaluate(async () => {
    const pairs = [];
    for (const pc of window.__parleyPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((transport) => {
        if (transport.type !== 'transport' || !transport.selectedCandidatePairId) return;
        const pair = stats.get(transport.selectedCandidatePairId);
        const local = pair && stats.get(pair.localCandidateId);
        const remote = pair && stats.get(pair.remoteCandidateId);
        pairs.push({
          localType: local?.candidateType,
          localAddress: local?.address,
          relayProtocol: local?.relayProtocol,
          remoteAddress: remote?.address,
          bytesSent: pair?.bytesSent ?? 0,
          bytesReceived: pair?.bytesReceived ?? 0,
        });
      });
    }
    return pairs;
  });
}

async function joinAs({ page }, baseUrl, room, name) {
  await page.goto(`${baseUrl}/r/${room}?${VIDEO}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

describe('TURN (coturn with use-auth-secret)', () => {
  let coturn;
  let parley;
  let browser;

  beforeAll(async () => {
    coturn = await startCoturn({ logFile: join(ROOT, 'test-results/coturn.log') });
    parley = await startParley({ TURN_URLS: coturn.urls.join(','), TURN_SECRET: coturn.secret, TURN_TTL_SECONDS: String(TTL_SECONDS) });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
    await coturn?.stop();
  }, 30_000);

  it('hands out credentials in room.join that coturn accepts', async () => {
    const socket = io(parley.url, { auth: { v: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false });
    try {
      const joined = await socket.timeout(10_000).emitWithAck('room.join', { room: newRoomId(), name: 'Probe' });
      expect(joined.ok).toBeTrue();
      const turn = joined.data.iceServers.find((server) => [server.urls].flat().some((url) => url.startsWith('turn:')));
      expect(turn?.urls).toEqual(coturn.urls);
      const [expiry, user] = turn.username.split(':');
      expect(user).toBe(joined.data.self.id);
      // Valid for TURN_TTL_SECONDS (600) from the join: never longer, and no less than that minus
      // a minute (the time the reply took, generous for a loaded machine).
      const now = Date.now() / 1000;
      expect(Number(expiry)).toBeLessThanOrEqual(now + TTL_SECONDS);
      expect(Number(expiry)).toBeGreaterThan(now + TTL_SECONDS - 60);
      const allocation = await turnAllocate({ host: coturn.host, port: coturn.port, username: turn.username, password: turn.credential });
      expect(allocation).toEqual(jasmine.objectContaining({ ok: true }));
    } finally {
      socket.disconnect();
    }
  });

  it('refuses credentials whose expiry has passed, and accepts the same user unexpired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = restCredential(coturn.secret, now - 60, 'late-participant');
    const refused = await turnAllocate({ host: coturn.host, port: coturn.port, ...expired });
    expect(refused).toEqual({ ok: false, errorCode: 401 });
    const forged = { username: `${now + 3600}:late-participant`, password: expired.password };
    expect(await turnAllocate({ host: coturn.host, port: coturn.port, ...forged })).toEqual({ ok: false, errorCode: 401 });
    const fresh = restCredential(coturn.secret, now + 60, 'late-participant');
    expect(await turnAllocate({ host: coturn.host, port: coturn.port, ...fresh })).toEqual(jasmine.objectContaining({ ok: true }));
  });

  it('relays to Janus and refuses every other peer, with docker-compose.yml’s peer policy', async () => {
    const allocation = await openTurnAllocation({
      host: coturn.host,
      port: coturn.port,
      ...restCredential(coturn.secret, Math.floor(Date.now() / 1000) + 600, 'peer-policy'),
    });
    try {
      expect(allocation.ok).toBeTrue();
      expect(await allocation.permit(coturn.janusIp)).withContext(`Janus at ${coturn.janusIp}`).toEqual({ ok: true });
      // Permissions only: coturn sends nothing to these addresses, allowed or not.
      const others = ['127.0.0.1', '10.1.2.3', '169.254.169.254', '192.168.1.1', '198.51.100.20', '203.0.113.99'];
      const refused = [];
      for (const peer of others) {
        const outcome = await allocation.permit(peer);
        expect(outcome).withContext(peer).toEqual({ ok: false, errorCode: 403 });
        if (outcome.errorCode === 403) refused.push(peer);
      }
      console.log(`\n    coturn granted a relay to Janus (${coturn.janusIp}) and refused ${refused.length}/${others.length} other peers with 403`);
    } finally {
      await allocation.refresh(0).catch(() => undefined);
      allocation.close();
    }
  });

  it('keeps refreshing an allocation made before the credentials expired, so long calls keep their relay', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const allocation = await openTurnAllocation({ host: coturn.host, port: coturn.port, ...restCredential(coturn.secret, expiresAt, 'long-call') });
    try {
      expect(allocation.ok).toBeTrue();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt * 1000 - Date.now()) + 1_500));
      expect(Date.now() / 1000).toBeGreaterThan(expiresAt);
      // A browser refreshes its allocation every few minutes with the credentials it allocated with.
      expect(await allocation.refresh(600)).toEqual({ ok: true, lifetime: 600 });
      // A new allocation (an ICE restart gathering again) needs fresh credentials.
      const again = await turnAllocate({ host: coturn.host, port: coturn.port, ...restCredential(coturn.secret, expiresAt, 'long-call') });
      expect(again).toEqual({ ok: false, errorCode: 401 });
    } finally {
      await allocation.refresh(0).catch(() => undefined);
      allocation.close();
    }
  });

  it('pushes fresh credentials to a long call every third of their lifetime, and coturn accepts them', async () => {
    // The shortest lifetime the config takes (60 s): a refresh every 20 s.
    const shortLived = await startParley({ TURN_URLS: coturn.urls.join(','), TURN_SECRET: coturn.secret, TURN_TTL_SECONDS: '60' });
    const socket = io(shortLived.url, { auth: { v: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false });
    try {
      const pushed = new Promise((resolve) => socket.once('session.ice_servers', (event) => resolve({ at: Date.now(), event })));
      const joined = await socket.timeout(10_000).emitWithAck('room.join', { room: newRoomId(), name: 'Long call' });
      expect(joined.ok).toBeTrue();
      const joinedAt = Date.now();
      const first = joined.data.iceServers.find((server) => server.username);
      const { at, event } = await pushed;
      console.log(`\n    fresh TURN credentials pushed ${((at - joinedAt) / 1000).toFixed(1)} s into the call (lifetime 60 s)`);
      const fresh = event.iceServers.find((server) => server.username);
      expect(fresh.urls).toEqual(coturn.urls);
      expect(fresh.username.split(':')[1]).toBe(joined.data.self.id);
      expect(Number(fresh.username.split(':')[0])).toBeGreaterThan(Number(first.username.split(':')[0]));
      const allocation = await turnAllocate({ host: coturn.host, port: coturn.port, username: fresh.username, password: fresh.credential });
      expect(allocation).toEqual(jasmine.objectContaining({ ok: true }));
    } finally {
      socket.disconnect();
      await shortLived.stop();
    }
  }, 60_000);

  it('carries a relay-only participant’s audio and video both ways through coturn', async () => {
    const room = newRoomId();
    const relayed = await newParticipant(browser);
    await relayed.context.addInitScript(forceRelay);
    const direct = await newParticipant(browser);
    try {
      await joinAs(relayed, parley.url, room, 'Relayed');
      await joinAs(direct, parley.url, room, 'Direct');

      // Frames from the relayed participant keep arriving at the other, and the reverse.
      for (const { page } of [direct, relayed]) {
        const before = await mediaCounters(page);
        const after = await waitFor(
          () => mediaCounters(page),
          (now) => now.videoFramesDecoded > before.videoFramesDecoded + 10 && now.audioPacketsReceived > before.audioPacketsReceived + 20,
          30_000,
        );
        expect(after.videoFramesDecoded).toBeGreaterThan(before.videoFramesDecoded + 10);
        expect(after.audioPacketsReceived).toBeGreaterThan(before.audioPacketsReceived + 20);
      }

      // Both of its connections (publisher and subscriber) go through the relay.
      const pairs = await waitFor(
        () => selectedPairs(relayed.page),
        (found) => found.length >= 2,
      );
      expect(pairs.length).toBeGreaterThanOrEqual(2);
      expect(pairs.map((p) => p.localType)).toEqual(pairs.map(() => 'relay'));
      expect(pairs.map((p) => p.localAddress)).toEqual(pairs.map(() => coturn.relayIp));

      const sum = (list, key) => list.reduce((n, p) => n + p[key], 0);
      const start = Date.now();
      const first = await selectedPairs(relayed.page);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const second = await selectedPairs(relayed.page);
      const seconds = (Date.now() - start) / 1000;
      const up = ((sum(second, 'bytesSent') - sum(first, 'bytesSent')) * 8) / seconds / 1000;
      const down = ((sum(second, 'bytesReceived') - sum(first, 'bytesReceived')) * 8) / seconds / 1000;
      console.log(
        `\n    through coturn (${pairs.map((p) => `${p.relayProtocol} relay → ${p.remoteAddress}`).join(', ')}):` +
          ` ${Math.round(up)} kbit/s up, ${Math.round(down)} kbit/s down (320x180@15 simulcast + Opus)`,
      );
      expect(up).toBeGreaterThan(50);
      expect(down).toBeGreaterThan(50);
    } finally {
      await relayed.context.close();
      await direct.context.close();
    }
  }, 90_000);
});
