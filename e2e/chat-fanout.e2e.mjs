// e2e-load: light
// Fan-out of chat in a full room: 8 signalling-only clients (Socket.IO from
// Node, no media), one sends 50 messages at a steady rate, every other one
// must receive each exactly once. Prints send → received-by-all latency.
import { CHAT_MAX_LENGTH, newRoomId } from '@parley/protocol';
import { sharedParley } from './support/stack.mjs';
import { connectSocket } from './support/socket.mjs';

const CLIENTS = 8;
const MESSAGES = 50;
/** Under the gateway's default 5 messages/s per sender, so no message meets the rate limit. */
const INTERVAL_MS = 250;


function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('Chat fan-out in an 8-person room', () => {
  let parley;
  const sockets = [];

  beforeAll(async () => {
    parley = await sharedParley();
  }, 30_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await parley?.stop();
  }, 30_000);

  it('delivers each of 50 messages to each of the 7 others exactly once', async () => {
    const room = newRoomId();
    /** Per receiver: message id → times received, and clientId → first arrival (ms, this process's clock). */
    const received = [];
    const clients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const socket = await connectSocket(parley.url);
      sockets.push(socket);
      clients.push(socket);
      const log = { counts: new Map(), arrivals: new Map() };
      received.push(log);
      socket.on('chat.message', (message) => {
        if (message.kind !== 'user') return;
        log.counts.set(message.id, (log.counts.get(message.id) ?? 0) + 1);
        if (!log.arrivals.has(message.clientId)) log.arrivals.set(message.clientId, performance.now());
      });
      const joined = await socket.timeout(15_000).emitWithAck('room.join', { room, name: `Listener ${i + 1}` });
      expect(joined.ok).withContext(JSON.stringify(joined.error ?? {})).toBeTrue();
    }

    const sender = clients[0];
    const sentAt = new Map();
    const acks = [];
    for (let n = 0; n < MESSAGES; n++) {
      const clientId = `fanout-${n}-${Math.random().toString(36).slice(2, 10)}`;
      sentAt.set(clientId, performance.now());
      acks.push(sender.timeout(10_000).emitWithAck('chat.send', { clientId, text: `Message ${n + 1} of ${MESSAGES}` }));
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    }
    const replies = await Promise.all(acks);
    expect(replies.every((r) => r.ok)).withContext(JSON.stringify(replies.find((r) => !r.ok))).toBeTrue();
    const ids = replies.map((r) => r.data.id);
    expect(new Set(ids).size).toBe(MESSAGES);
    // Stored ids increase in the order sent, so history shows them in that order.
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    // Wait for the tail, then check exactly-once at every receiver.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && received.slice(1).some((log) => log.arrivals.size < MESSAGES)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [i, log] of received.entries()) {
      if (i === 0) {
        expect(log.counts.size).withContext('the sender gets its own messages in the acks, not as pushes').toBe(0);
        continue;
      }
      expect(ids.map((id) => log.counts.get(id) ?? 0)).withContext(`receiver ${i + 1}`).toEqual(ids.map(() => 1));
    }

    const latencies = [...sentAt].map(([clientId, at]) => Math.max(...received.slice(1).map((log) => log.arrivals.get(clientId) - at)));
    latencies.sort((a, b) => a - b);
    const fmt = (ms) => `${ms.toFixed(1)} ms`;
    console.log(
      `\n    chat fan-out, ${CLIENTS} clients, ${MESSAGES} messages at ${1000 / INTERVAL_MS}/s, send → received by all ${CLIENTS - 1} others: ` +
        `p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(latencies.at(-1))}`,
    );
  }, 90_000);

  it('answers a too-long message with chat.too_long and a repeated clientId with the stored message, delivered once', async () => {
    const room = newRoomId();
    const [a, b] = [await connectSocket(parley.url), await connectSocket(parley.url)];
    sockets.push(a, b);
    for (const [socket, name] of [[a, 'Ada'], [b, 'Bob']]) {
      expect((await socket.timeout(15_000).emitWithAck('room.join', { room, name })).ok).toBeTrue();
    }
    const tooLong = await a.timeout(5_000).emitWithAck('chat.send', { clientId: 'too-long-0001', text: 'y'.repeat(CHAT_MAX_LENGTH + 1) });
    expect(tooLong.ok).toBeFalse();
    expect(tooLong.error.code).toBe('chat.too_long');

    let pushes = 0;
    b.on('chat.message', (message) => (message.clientId === 'retry-same-0001' ? pushes++ : undefined));
    const first = await a.timeout(5_000).emitWithAck('chat.send', { clientId: 'retry-same-0001', text: 'once' });
    const again = await a.timeout(5_000).emitWithAck('chat.send', { clientId: 'retry-same-0001', text: 'once' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(again.data.id).toBe(first.data.id);
    expect(pushes).toBe(1);
  }, 30_000);

  it('reaches only the room’s members: a socket that left for another room hears nothing more of the first', async () => {
    const [room, other] = [newRoomId(), newRoomId()];
    const [ada, bob, cy, eve] = await Promise.all([connectSocket(parley.url), connectSocket(parley.url), connectSocket(parley.url), connectSocket(parley.url)]);
    sockets.push(ada, bob, cy, eve);
    const join = async (socket, where, name) => {
      const reply = await socket.timeout(15_000).emitWithAck('room.join', { room: where, name });
      expect(reply.ok).withContext(`${name} joins`).toBeTrue();
      return reply.data.self.id;
    };
    const [adaId, bobId] = [await join(ada, room, 'Ada'), await join(bob, room, 'Bob')];
    await join(cy, room, 'Cy');
    const send = async (socket, clientId, text) => expect((await socket.timeout(5_000).emitWithAck('chat.send', { clientId, text })).ok).toBeTrue();
    const heard = [];
    cy.onAny((event, payload) => heard.push({ event, payload }));
    await send(ada, `before-${room}`, 'before Cy leaves');

    expect((await cy.timeout(5_000).emitWithAck('room.leave', {})).ok).toBeTrue();
    await join(cy, other, 'Cy');
    await join(eve, other, 'Eve');
    const leftAt = heard.length;
    await send(ada, `after-${room}`, 'after Cy left');
    expect((await bob.timeout(5_000).emitWithAck('participant.update', { handRaised: true })).ok).toBeTrue();
    // Eve's line in Cy's new room comes after all that on the same gateway: once Cy has it, he would have had the rest.
    const eveHeard = new Promise((resolve) => cy.on('chat.message', (m) => m.text === 'Eve here' && resolve()));
    await send(eve, `eve-${other}`, 'Eve here');
    await eveHeard;

    const texts = heard.filter((h) => h.event === 'chat.message').map((h) => h.payload.text);
    expect(texts).toContain('before Cy leaves');
    expect(texts).not.toContain('after Cy left');
    const fromFirstRoom = heard.slice(leftAt).filter(({ payload }) => [adaId, bobId].includes(payload?.id ?? payload?.participantId ?? payload?.senderId));
    expect(fromFirstRoom).withContext('pushes about the first room after leaving it').toEqual([]);
  }, 30_000);
});
