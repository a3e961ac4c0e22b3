// e2e-load: light
// What hosts do across gateways, spoken as raw Socket.IO from Node (no
// browsers): two gateways over one Redis (Debian redis-server on a free port)
// and the test run's Janus. A host on gateway A locks the room, runs a lobby,
// mutes, promotes and removes people connected to gateway B; someone resumes
// on the other gateway and keeps their identity.
import { newRoomId } from '@parley/protocol';
import { startRedis } from '../scripts/lib/redis.mjs';
import { connectSocket, disconnected, request } from './support/sockets.mjs';
import { startParley } from './support/stack.mjs';

/** Resolves with the next `event` payload on `socket` that `accept` takes. */
function next(socket, event, accept = () => true, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

describe('Hosts across two gateways', () => {
  let redis;
  let gatewayA;
  let gatewayB;
  const sockets = [];

  async function joined(gateway, room, name, extra = {}) {
    const socket = await connectSocket(gateway.url);
    sockets.push(socket);
    const reply = await request(socket, 'room.join', { room, name, ...extra });
    return { socket, reply };
  }

  beforeAll(async () => {
    redis = await startRedis();
    // No SESSION_SECRET: the first gateway generates the key into Redis and the second uses it.
    gatewayA = await startParley({ REDIS_URL: redis.url });
    gatewayB = await startParley({ REDIS_URL: redis.url });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await gatewayA?.stop();
    await gatewayB?.stop();
    await redis?.stop();
  }, 30_000);

  it('locks, runs a lobby, mutes, promotes and removes across gateways', async () => {
    const room = newRoomId();
    const ada = await joined(gatewayA, room, 'Ada');
    expect(ada.reply.ok).toBeTrue();
    expect(ada.reply.data.self.role).toBe('host');
    const bob = await joined(gatewayB, room, 'Bob');
    expect(bob.reply.ok).withContext(JSON.stringify(bob.reply.error)).toBeTrue();
    expect(bob.reply.data.participants.map((p) => p.name)).toEqual(['Ada']);
    const bobId = bob.reply.data.self.id;

    // Locked on A: refused on B.
    // Listening before the request: Bob's push can arrive before Ada's ack.
    let started = Date.now();
    const lockSeenOnB = next(bob.socket, 'room.updated');
    expect((await request(ada.socket, 'host.settings', { locked: true })).ok).toBeTrue();
    const lockedOnB = await lockSeenOnB;
    console.log(`\n    lock on A → room.updated on B: ${Date.now() - started} ms`);
    expect(lockedOnB.locked).toBeTrue();
    const refused = await joined(gatewayB, room, 'Cy');
    expect(refused.reply.error?.code).toBe('room.locked');
    await request(ada.socket, 'host.settings', { locked: false, lobby: true });

    // Cy knocks on B; Ada (on A) hears it and admits; Cy gets in on B, once.
    const knocking = next(ada.socket, 'lobby.knocking');
    const cySocket = await connectSocket(gatewayB.url);
    sockets.push(cySocket);
    started = Date.now();
    const waiting = await request(cySocket, 'room.join', { room, name: 'Cy' });
    expect(waiting.error?.code).toBe('lobby.waiting');
    const knock = await knocking;
    console.log(`    knock on B → lobby.knocking on A: ${Date.now() - started} ms`);
    expect(knock.name).toBe('Cy');
    const decision = next(cySocket, 'lobby.decision');
    started = Date.now();
    expect((await request(ada.socket, 'host.admit', { requestId: knock.requestId, admit: true })).ok).toBeTrue();
    const { admitted, admitToken } = await decision;
    console.log(`    admit on A → lobby.decision on B: ${Date.now() - started} ms`);
    expect(admitted).toBeTrue();
    const cy = await request(cySocket, 'room.join', { room, name: 'Cy', admitToken });
    expect(cy.ok).withContext(JSON.stringify(cy.error)).toBeTrue();
    const cyId = cy.data.self.id;
    const replay = await joined(gatewayA, room, 'Cy twice', { admitToken });
    expect(replay.reply.error?.code).withContext('an admission is spent on every gateway').toBe('auth.invalid_token');

    // Ada mutes Bob: carried out on B, seen on A.
    const muted = next(bob.socket, 'session.muted');
    const bobMutedOnA = next(ada.socket, 'participant.updated', (p) => p.id === bobId && p.audioMuted);
    expect((await request(ada.socket, 'host.mute', { participantId: bobId })).ok).toBeTrue();
    expect(await muted).toEqual({ by: 'Ada' });
    await expectAsync(bobMutedOnA).toBeResolved();

    // Ada promotes Cy (on B): everyone sees the new host.
    const cyHostOnA = next(ada.socket, 'participant.updated', (p) => p.id === cyId && p.role === 'host');
    expect((await request(ada.socket, 'host.promote', { participantId: cyId })).ok).toBeTrue();
    await expectAsync(cyHostOnA).toBeResolved();

    // Ada removes Bob (on B): his session ends there, Ada sees him leave, his token no longer works anywhere.
    const ended = next(bob.socket, 'session.ended');
    const bobGone = disconnected(bob.socket);
    const leftOnA = next(ada.socket, 'participant.left', (p) => p.participantId === bobId);
    started = Date.now();
    expect((await request(ada.socket, 'host.remove', { participantId: bobId })).ok).toBeTrue();
    expect(await ended).toEqual({ reason: 'removed' });
    await bobGone;
    expect(await leftOnA).toEqual({ participantId: bobId, reason: 'removed' });
    console.log(`    remove on A → Bob disconnected on B and gone for Ada: ${Date.now() - started} ms`);
    for (const gateway of [gatewayA, gatewayB]) {
      const again = await joined(gateway, room, 'Bob', { resumeToken: bob.reply.data.token });
      expect(again.reply.error?.code).toBe('auth.invalid_token');
    }
  }, 60_000);

  it('lets someone resume on the other gateway with the same identity, unseen by the others', async () => {
    const room = newRoomId();
    const ada = await joined(gatewayA, room, 'Ada');
    const bob = await joined(gatewayA, room, 'Bob');
    const bobId = bob.reply.data.self.id;
    const leaves = [];
    ada.socket.on('participant.left', (p) => leaves.push(p));

    const replaced = next(bob.socket, 'session.ended');
    const resumed = await joined(gatewayB, room, 'Bob', { resumeToken: bob.reply.data.token });
    expect(resumed.reply.ok).withContext(JSON.stringify(resumed.reply.error)).toBeTrue();
    expect(resumed.reply.data.self.id).toBe(bobId);
    expect(resumed.reply.data.participants.map((p) => p.name)).toEqual(['Ada']);
    expect(await replaced).toEqual({ reason: 'replaced' });

    // Chat from Bob's new gateway reaches Ada on the old one, once.
    const chat = next(ada.socket, 'chat.message', (m) => m.kind === 'user');
    expect((await request(resumed.socket, 'chat.send', { clientId: 'c-000001', text: 'moved' })).ok).toBeTrue();
    expect((await chat).text).toBe('moved');
    expect(leaves).toEqual([]);
    const readyz = await (await fetch(`${gatewayB.url}/readyz`)).json();
    expect(readyz.redis).toBeTrue();
  }, 60_000);
});
