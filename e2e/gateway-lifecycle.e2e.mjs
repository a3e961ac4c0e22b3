// e2e-load: light
// The gateway's lifecycle under attack, with raw Socket.IO as an attacker
// would drive it: refused joins that must create nothing, concurrent joins
// on one socket, a token that must not outlive its membership, lobby knocks
// that must not pile up, and password guessing. Every case asserts on the
// replies and on /metrics: the rooms, Janus rooms and participants gauges
// return to where they started.
import { newRoomId } from '@parley/protocol';
import { backTo, gauges } from './support/metrics.mjs';
import { connectSocket, disconnected, request } from './support/sockets.mjs';
import { startParley, waitFor } from './support/stack.mjs';

/** Every push of `event` a socket receives from now on. */
function recorder(socket, event) {
  const seen = [];
  socket.on(event, (payload) => seen.push(payload));
  return seen;
}

const codes = (replies) => replies.map((reply) => (reply.ok ? 'ok' : reply.error.code));
const tally = (list) => list.reduce((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

describe('Gateway lifecycle under attack', () => {
  let parley;
  let sockets = [];

  beforeAll(async () => {
    parley = await startParley({ RESUME_GRACE_SECONDS: '2' });
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets) socket.close();
    sockets = [];
  });

  afterAll(async () => {
    await parley?.stop();
  }, 30_000);

  async function socket(target = parley) {
    const opened = await connectSocket(target.url);
    sockets.push(opened);
    return opened;
  }

  async function joined(target, room, name, extra = {}) {
    const client = await socket(target);
    const reply = await request(client, 'room.join', { room, name, ...extra });
    expect(reply.ok).withContext(`${name} joins: ${JSON.stringify(reply.error)}`).toBeTrue();
    return { socket: client, result: reply.data };
  }

  it('1. creates nothing for refused joins: a wrong admit token or password at a fresh room leaves both room gauges as they were', async () => {
    const start = await gauges(parley);
    // Five sockets of twenty joins each: inside every socket's request burst, so each join reaches the doors.
    const clients = await Promise.all(Array.from({ length: 5 }, () => socket()));
    const started = Date.now();
    const replies = [];
    for (const client of clients) {
      for (let i = 0; i < 20; i++) replies.push(await request(client, 'room.join', { room: newRoomId(), name: 'Mallory', admitToken: 'not.a.token' }));
    }
    expect(tally(codes(replies))).toEqual({ 'auth.invalid_token': 100 });
    console.log(`\n    100 refused joins (bad admit token) in ${Date.now() - started} ms; gauges ${JSON.stringify(start)} → ${JSON.stringify(await gauges(parley))}`);
    expect(await gauges(parley)).toEqual(start);

    // Guesses at a password meeting: refused at the door, they add no participant, room or Janus room.
    const room = newRoomId();
    const ada = await joined(parley, room, 'Ada');
    expect((await request(ada.socket, 'host.settings', { password: 'correct-horse' })).ok).toBeTrue();
    const withAda = await gauges(parley);
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push(await request(await socket(), 'room.join', { room, name: 'Mallory', password: `wrong-${i}` }));
    expect(tally(codes(guesses))).toEqual({ 'auth.bad_password': 5, 'auth.too_many_attempts': 5 });
    expect(await gauges(parley)).toEqual(withAda);
    ada.socket.disconnect();
    console.log(`    the password room closed ${await backTo(parley, start)} ms after its host left (its password went with the meeting)`);
  }, 120_000);

  it('2. refuses a second room.join on one socket (room.busy while one is in flight), and leaves no ghost once the socket drops', async () => {
    const start = await gauges(parley);
    const client = await socket();
    const room = newRoomId();
    const replies = await Promise.all(Array.from({ length: 4 }, (_, i) => request(client, 'room.join', { room, name: `Eve ${i}` })));
    // One gets in; each other is refused: `room.busy` while the first is in
    // flight, `session.already_joined` if the first was answered before it
    // arrived (a fast machine can answer a join between two frames).
    const refusals = codes(replies).filter((code) => code !== 'ok');
    expect(refusals.length).toBe(3);
    for (const code of refusals) expect(['room.busy', 'session.already_joined']).toContain(code);
    const during = await gauges(parley);
    expect(during.participants).toBe(start.participants + 1);
    expect(during.rooms).toBe(start.rooms + 1);
    // Dropped, not closed on purpose: held for the 2 s resume grace, then gone, and the room with them.
    client.io.engine.close();
    await disconnected(client);
    console.log(`\n    4 concurrent joins → ${JSON.stringify(tally(codes(replies)))}; gauges back ${await backTo(parley, start)} ms after the drop`);
  }, 60_000);

  it('3. ends a token with its membership: a host who left cannot come back past the lock, nor into the reopened room', async () => {
    const start = await gauges(parley);
    const room = newRoomId();
    const ada = await joined(parley, room, 'Ada');
    const bob = await joined(parley, room, 'Bob');
    const bobUpdates = recorder(bob.socket, 'participant.updated');
    expect((await request(ada.socket, 'room.leave', {})).ok).toBeTrue();
    await waitFor(async () => bobUpdates, (updates) => updates.some((p) => p.id === bob.result.self.id && p.role === 'host'));
    expect((await request(bob.socket, 'host.settings', { locked: true })).ok).withContext('Bob is host now').toBeTrue();

    const back = await request(ada.socket, 'room.join', { room, name: 'Ada', resumeToken: ada.result.token });
    expect(codes([back])).toEqual(['auth.invalid_token']);
    const fresh = await request(await socket(), 'room.join', { room, name: 'Ada' });
    expect(codes([fresh])).toEqual(['room.locked']);

    // The room closes and others open it again: the old token still opens nothing.
    bob.socket.disconnect();
    await backTo(parley, start);
    const cy = await joined(parley, room, 'Cy');
    expect(cy.result.self.role).toBe('host');
    const again = await request(await socket(), 'room.join', { room, name: 'Ada', resumeToken: ada.result.token });
    expect(codes([again])).toEqual(['auth.invalid_token']);
    expect((await gauges(parley)).participants).toBe(start.participants + 1);
    cy.socket.disconnect();
    await backTo(parley, start);
  }, 90_000);

  it('4. keeps one knock per connection, withdraws it when the knocker leaves, caps knocks per room, and admits the name knocked with', async () => {
    const start = await gauges(parley);
    const room = newRoomId();
    const host = await joined(parley, room, 'Host');
    const knocking = recorder(host.socket, 'lobby.knocking');
    const resolved = recorder(host.socket, 'lobby.resolved');
    expect((await request(host.socket, 'host.settings', { lobby: true })).ok).toBeTrue();

    const knocker = await socket();
    const replies = [];
    for (let i = 0; i < 30; i++) replies.push(await request(knocker, 'room.join', { room, name: `Knocker ${i}` }));
    expect(tally(codes(replies))).toEqual({ 'lobby.waiting': 30 });
    await waitFor(async () => [knocking.length, resolved.length], ([k, r]) => k === 30 && r === 29);
    knocker.disconnect();
    await waitFor(async () => resolved.length, (count) => count === 30);
    console.log(`\n    30 joins on one knocking socket → ${knocking.length} prompts, ${knocking.length - resolved.length} pending after the knocker left`);

    // Many knockers: the room holds 20 knocks, the rest hear lobby.full.
    const many = await Promise.all(Array.from({ length: 25 }, async (_, i) => request(await socket(), 'room.join', { room, name: `Crowd ${i}` })));
    expect(tally(codes(many))).toEqual({ 'lobby.waiting': 20, 'lobby.full': 5 });

    // The name admitted is the one the host saw.
    for (const s of sockets.slice(2)) s.disconnect();
    await waitFor(async () => knocking.length - resolved.length, (pending) => pending === 0);
    const kim = await socket();
    const decision = new Promise((resolve) => kim.once('lobby.decision', resolve));
    expect(codes([await request(kim, 'room.join', { room, name: 'Kim' })])).toEqual(['lobby.waiting']);
    await waitFor(async () => knocking.at(-1), (knock) => knock?.name === 'Kim');
    expect((await request(host.socket, 'host.admit', { requestId: knocking.at(-1).requestId, admit: true })).ok).toBeTrue();
    const { admitToken } = await decision;
    const entered = await request(kim, 'room.join', { room, name: 'Someone Else', admitToken });
    expect(entered.ok).toBeTrue();
    expect(entered.data.self.name).toBe('Kim');
    host.socket.disconnect();
    kim.disconnect();
    await backTo(parley, start);
  }, 90_000);

  it('4b. lets an unanswered knock lapse: the knocker hears no and may knock again, the hosts stop seeing it', async () => {
    // A gateway of its own, whose knocks lapse after 2 s (the default is 5 minutes).
    const quick = await startParley({ LOBBY_KNOCK_SECONDS: '2' });
    try {
      const start = await gauges(quick);
      const room = newRoomId();
      const host = await joined(quick, room, 'Host');
      const knocking = recorder(host.socket, 'lobby.knocking');
      const resolved = recorder(host.socket, 'lobby.resolved');
      expect((await request(host.socket, 'host.settings', { lobby: true })).ok).toBeTrue();
      const knocker = await socket(quick);
      const decision = new Promise((resolve) => knocker.once('lobby.decision', resolve));
      const knockedAt = Date.now();
      expect(codes([await request(knocker, 'room.join', { room, name: 'Kim' })])).toEqual(['lobby.waiting']);
      expect(await decision).toEqual({ admitted: false });
      const lapsedAfter = Date.now() - knockedAt;
      await waitFor(async () => resolved.map((r) => r.requestId), (ids) => ids.includes(knocking[0]?.requestId));
      expect(codes([await request(knocker, 'room.join', { room, name: 'Kim' })])).toEqual(['lobby.waiting']);
      await waitFor(async () => knocking.length, (count) => count === 2);
      console.log(`\n    a knock nobody answered lapsed ${lapsedAfter} ms after it was made (LOBBY_KNOCK_SECONDS=2); knocking again works`);
      host.socket.disconnect();
      knocker.disconnect();
      await backTo(quick, start);
    } finally {
      await quick.stop();
    }
  }, 90_000);

  it('5. refuses short passwords, paces guesses per room and address across connections, and keeps other joins free', async () => {
    const start = await gauges(parley);
    const room = newRoomId();
    const host = await joined(parley, room, 'Host');
    expect(codes([await request(host.socket, 'host.settings', { password: 'x' })])).toEqual(['auth.weak_password']);
    expect((await request(host.socket, 'host.settings', { password: 'correct-horse' })).ok).toBeTrue();

    const started = Date.now();
    const guesses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => request(await socket(), 'room.join', { room, name: 'Mallory', password: `guess-${i}` }, 60_000)),
    );
    const outcome = tally(codes(guesses));
    console.log(`\n    30 concurrent guesses from 30 connections → ${JSON.stringify(outcome)} in ${Date.now() - started} ms`);
    expect(outcome).toEqual({ 'auth.bad_password': 5, 'auth.too_many_attempts': 25 });
    // Another password room takes its right password at once: nothing process-wide was filled.
    const other = newRoomId();
    const otherHost = await joined(parley, other, 'Other host');
    expect((await request(otherHost.socket, 'host.settings', { password: 'battery-staple' })).ok).toBeTrue();
    const guest = await request(await socket(), 'room.join', { room: other, name: 'Guest', password: 'battery-staple' });
    expect(guest.ok).toBeTrue();
    expect((await request(host.socket, 'host.settings', { locked: true })).ok).withContext('the host still acts').toBeTrue();
    for (const s of sockets) s.disconnect();
    await backTo(parley, start);
  }, 120_000);

  it('opens at most ROOM_MAX_LIVE rooms and says so with room.limit, while live rooms still take people', async () => {
    const capped = await startParley({ ROOM_MAX_LIVE: '2' });
    try {
      const [a, b] = [newRoomId(), newRoomId()];
      await joined(capped, a, 'Ada');
      await joined(capped, b, 'Bob');
      const third = await request(await socket(capped), 'room.join', { room: newRoomId(), name: 'Cy' });
      expect(codes([third])).toEqual(['room.limit']);
      await joined(capped, a, 'Dee');
      const at = await gauges(capped);
      expect([at.rooms, at.janusRooms]).toEqual([2, 2]);
    } finally {
      for (const s of sockets) s.close();
      await capped.stop();
    }
  }, 60_000);

  it('leaves both room gauges where they started after 1,000 refused joins from 20 sockets', async () => {
    const start = await gauges(parley);
    const clients = await Promise.all(Array.from({ length: 20 }, () => socket()));
    const started = Date.now();
    const replies = (
      await Promise.all(
        clients.map(async (client) => {
          const mine = [];
          for (let i = 0; i < 50; i++) mine.push(await request(client, 'room.join', { room: newRoomId(), name: 'Mallory', admitToken: 'not.a.token' }));
          return mine;
        }),
      )
    ).flat();
    const after = await gauges(parley);
    console.log(`\n    1,000 refused joins from 20 sockets in ${Date.now() - started} ms: ${JSON.stringify(tally(codes(replies)))}; gauges ${JSON.stringify(start)} → ${JSON.stringify(after)}`);
    expect(tally(codes(replies))).toEqual({ 'auth.invalid_token': 1000 });
    expect(after).toEqual(start);
  }, 120_000);
});
