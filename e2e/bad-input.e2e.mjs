// e2e-load: light
// The gateway answers bad input with a coded error ack and keeps serving.
import { startParley } from './support/stack.mjs';
import { connectSocket } from './support/socket.mjs';


describe('The gateway under bad input', () => {
  let parley;
  const sockets = [];

  beforeAll(async () => {
    parley = await startParley();
  }, 30_000);

  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.close());
  });

  afterAll(async () => {
    await parley?.stop();
  }, 30_000);

  async function client() {
    const socket = await connectSocket(parley.url);
    sockets.push(socket);
    return socket;
  }

  it('answers a malformed room.join with validation.failed and still serves the next join', async () => {
    const socket = await client();
    const bad = await socket.timeout(5_000).emitWithAck('room.join', { room: 'no spaces allowed', name: '' });
    expect(bad.ok).toBeFalse();
    expect(bad.error.code).toBe('validation.failed');
    expect(bad.error.message).toContain('room');

    const notAnObject = await socket.timeout(5_000).emitWithAck('room.join', 42);
    expect(notAnObject.error.code).toBe('validation.failed');

    const good = await socket.timeout(10_000).emitWithAck('room.join', { room: 'bad-input-room', name: 'Ada' });
    expect(good.ok).toBeTrue();
    expect(good.data.self.name).toBe('Ada');
  });

  it('answers a payload that makes the schema library throw with validation.failed (found by the fuzz test)', async () => {
    const socket = await client();
    const joined = await socket.timeout(10_000).emitWithAck('room.join', { room: 'unreadable-room', name: 'Max' });
    expect(joined.ok).toBeTrue();
    // zod compares a string's length before it knows the value is a string; this length cannot be compared.
    const reply = await socket.timeout(5_000).emitWithAck('chat.send', { clientId: { length: { toString: 'x' } }, text: 'hi' });
    expect(reply.ok).toBeFalse();
    expect(reply.error.code).toBe('validation.failed');
    const next = await socket.timeout(5_000).emitWithAck('chat.send', { clientId: 'after-the-bad-one', text: 'still here' });
    expect(next.ok).toBeTrue();
    expect(next.data.text).toBe('still here');
  });

  it('answers a request before joining with session.not_joined', async () => {
    const socket = await client();
    const reply = await socket.timeout(5_000).emitWithAck('participant.update', { audioMuted: true });
    expect(reply).toEqual({ ok: false, error: jasmine.objectContaining({ code: 'session.not_joined' }) });
  });

  it('answers an unknown event with protocol.unknown_event', async () => {
    const socket = await client();
    const reply = await socket.timeout(5_000).emitWithAck('room.destroyEverything', {});
    expect(reply.error.code).toBe('protocol.unknown_event');
  });

  it('answers an unparseable SDP with an error ack, not a crash', async () => {
    const socket = await client();
    const joined = await socket.timeout(10_000).emitWithAck('room.join', { room: 'bad-sdp-room', name: 'Eve' });
    expect(joined.ok).toBeTrue();
    const reply = await socket
      .timeout(10_000)
      .emitWithAck('media.publish', { offer: { type: 'offer', sdp: 'this is not sdp' }, tracks: [{ mid: '0', source: 'camera' }] });
    expect(reply.ok).toBeFalse();
    expect(['janus.unavailable', 'media.failed']).toContain(reply.error.code);
    const health = await fetch(`${parley.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses a client that speaks another protocol version', async () => {
    await expectAsync(connectSocket(parley.url, { v: 999 })).toBeRejectedWith(jasmine.objectContaining({ message: 'protocol.version' }));
  });

  it('reports itself ready while Janus is reachable', async () => {
    const ready = await fetch(`${parley.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual(jasmine.objectContaining({ status: 'ok', janus: true }));
  });
});
