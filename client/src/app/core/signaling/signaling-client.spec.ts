import { TestBed } from '@angular/core/testing';
import { PROTOCOL_VERSION, type RoomId } from '@parley/protocol';
import { FakeSocket } from '../../../testing/fake-socket';
import { participant } from '../../../testing/participants';
import { REQUEST_TIMEOUT_MS } from '../config/signaling-config';
import { JOIN_TIMEOUT_FACTOR, SignalingClient } from './signaling-client';
import { SignalingError } from './signaling-error';
import { SOCKET_FACTORY } from './socket-factory';

describe('SignalingClient', () => {
  let sockets: FakeSocket[];
  let client: SignalingClient;

  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  };

  const join = { room: 'abcd-efgh' as RoomId, name: 'Ada' };
  const ada = participant('p1', 'Ada');

  beforeEach(() => {
    sockets = [];
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        { provide: REQUEST_TIMEOUT_MS, useValue: 1234 },
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string | undefined, options: object) => {
            const socket = new FakeSocket(url, options);
            sockets.push(socket);
            return socket.asSocket();
          },
        },
      ],
    });
    client = TestBed.inject(SignalingClient);
  });

  it('announces the protocol version in the handshake', () => {
    client.open();
    expect(latest().options.auth).toEqual({ v: PROTOCOL_VERSION });
  });

  it('connects over WebSocket only, to the page origin by default', () => {
    client.open();
    expect(latest().options.transports).toEqual(['websocket']);
    expect(latest().url).toBeUndefined();
  });

  it('resolves a request with the data of an ok ack', async () => {
    client.open();
    latest().reply = () => Promise.resolve({ ok: true, data: ada });
    const result = await client.request('participant.update', { audioMuted: true });
    expect(result).toEqual(ada);
  });

  it('rejects with the gateway error code and message of a failed ack', async () => {
    client.open();
    latest().reply = () => Promise.resolve({ ok: false, error: { code: 'room.full', message: 'room is full (8)' } });
    const failure = await client.request('room.join', join).catch((e: unknown) => e);
    expect(failure).toEqual(jasmine.any(SignalingError));
    expect((failure as SignalingError).code).toBe('room.full');
    expect((failure as SignalingError).message).toBe('room is full (8)');
  });

  it('rejects with a timeout error when no ack arrives in time', async () => {
    client.open();
    latest().reply = () => Promise.reject(new Error('operation has timed out'));
    const failure = await client.request('room.leave', {}).catch((e: unknown) => e);
    expect((failure as SignalingError).code).toBe('timeout');
  });

  it('waits for each ack no longer than the configured timeout, and for a join three times as long', async () => {
    client.open();
    await client.request('room.leave', {});
    expect(latest().sent[0]?.timeoutMs).toBe(1234);
    latest().reply = () => Promise.resolve({ ok: false, error: { code: 'room.full', message: 'full' } });
    await client.request('room.join', join).catch(() => undefined);
    expect(latest().sent[1]?.timeoutMs).toBe(1234 * JOIN_TIMEOUT_FACTOR);
  });

  it('sends the request name and payload unchanged', async () => {
    client.open();
    await client.request('participant.update', { audioMuted: true });
    expect(latest().sent[0]).toEqual(jasmine.objectContaining({ event: 'participant.update', payload: { audioMuted: true } }));
  });

  it('refuses a payload that breaks the protocol schema without sending it', async () => {
    client.open();
    const failure = await client.request('room.join', { ...join, name: '   ' }).catch((e: unknown) => e);
    expect((failure as SignalingError).code).toBe('validation.failed');
    expect(latest().sent.length).toBe(0);
  });

  it('fails a waiting request at once when the gateway refuses the handshake', async () => {
    client.open();
    latest().reply = () => new Promise(() => undefined);
    const pending = client.request('room.join', join).catch((e: unknown) => e);
    latest().active = false;
    latest().fire('connect_error', new Error('protocol.version'));
    expect(((await pending) as SignalingError).code).toBe('protocol.version');
  });

  it('rejects as disconnected when asked before opening', async () => {
    const failure = await client.request('room.leave', {}).catch((e: unknown) => e);
    expect((failure as SignalingError).code).toBe('disconnected');
  });

  it('delivers pushes of the requested name only', () => {
    client.open();
    const seen: string[] = [];
    client.push('participant.joined').subscribe((p) => seen.push(p.name));
    latest().fire('participant.updated', { ...ada, name: 'Not me' });
    latest().fire('participant.joined', ada);
    expect(seen).toEqual(['Ada']);
  });

  it('is connecting after open and connected after the socket connects', () => {
    client.open();
    expect(client.state()).toBe('connecting');
    latest().fire('connect');
    expect(client.state()).toBe('connected');
  });

  it('fails without retrying when the gateway refuses the handshake', () => {
    client.open();
    latest().active = false;
    latest().fire('connect_error', new Error('protocol.version'));
    expect(client.state()).toBe('failed');
    expect(client.lastError()?.code).toBe('protocol.version');
    expect(latest().disconnectCalls).toBe(1);
  });

  it('reconnects after a transport loss and announces the resume', () => {
    client.open();
    let resumes = 0;
    client.resumed$.subscribe(() => resumes++);
    latest().fire('connect');
    latest().fire('disconnect', 'transport close');
    expect(client.state()).toBe('reconnecting');
    latest().fire('connect');
    expect(client.state()).toBe('connected');
    expect(resumes).toBe(1);
  });

  it('fails once Socket.IO gives up reconnecting', () => {
    client.open();
    latest().fire('connect');
    latest().fire('disconnect', 'transport close');
    latest().fireManager('reconnect_failed');
    expect(client.state()).toBe('failed');
  });

  it('opens a fresh socket after a failure', () => {
    client.open();
    latest().active = false;
    latest().fire('connect_error', new Error('nope'));
    client.open();
    expect(sockets.length).toBe(2);
    expect(client.state()).toBe('connecting');
  });

  it('closes idempotently, disconnecting the socket once', () => {
    client.open();
    const socket = latest();
    client.close();
    client.close();
    expect(socket.disconnectCalls).toBe(1);
    expect(client.state()).toBe('closed');
  });
});
