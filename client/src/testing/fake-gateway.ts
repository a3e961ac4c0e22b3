import type { Provider } from '@angular/core';
import type { JoinResult, RoomId } from '@parley/protocol';
import { SOCKET_FACTORY } from '../app/core/signaling/socket-factory';
import { MEDIA_DEVICES, PEER_CONNECTION_FACTORY } from '../app/core/webrtc/platform';
import { FakePeerConnection } from './fake-peer-connection';
import { FakeSocket, type SentRequest } from './fake-socket';
import { FakeMediaDevices } from './media-fakes';
import { participant } from './participants';

export const TEST_ROOM = 'abcde-fghjk' as RoomId;

/** A join result for specs: Ada alone in TEST_ROOM, a guest, with an open room. */
export function joinResult(extra: Partial<JoinResult> = {}): JoinResult {
  return {
    room: TEST_ROOM,
    self: participant('me', 'Ada'),
    participants: [],
    token: 'token-1',
    iceServers: [],
    meeting: { id: 'meeting-1', startedAt: 0 },
    chat: { messages: [], hasMore: false },
    settings: { locked: false, hasPassword: false, lobby: false },
    speakers: { activeSpeaker: null, speaking: [] },
    ...extra,
  };
}

/**
 * A scripted gateway behind every socket a spec's SignalingClient opens:
 * answers requests from `handlers` (by event; `{ ok: true, data: {} }` when
 * absent), records them across sockets, and fires pushes on the newest socket.
 * `providers()` also fakes devices and peer connections, for specs that run
 * a whole CallSession.
 */
export class FakeGateway {
  readonly sockets: FakeSocket[] = [];
  readonly devices = new FakeMediaDevices();
  readonly pcs: FakePeerConnection[] = [];
  handlers: Record<string, (payload: unknown) => unknown> = {};

  /** The newest socket. */
  get socket(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  /** Requests sent for `event`, over every socket, oldest first. */
  sent(event: string): SentRequest[] {
    return this.sockets.flatMap((socket) => socket.sent.filter((request) => request.event === event));
  }

  /** Delivers a push on the newest socket. */
  push(event: string, payload: unknown): void {
    this.socket.fire(event, payload);
  }

  providers(): Provider[] {
    return [
      { provide: MEDIA_DEVICES, useValue: this.devices },
      {
        provide: PEER_CONNECTION_FACTORY,
        useValue: (configuration: RTCConfiguration) => {
          const pc = new FakePeerConnection(configuration);
          this.pcs.push(pc);
          return pc.asPeerConnection();
        },
      },
      {
        provide: SOCKET_FACTORY,
        useValue: (url: string | undefined, options: object) => {
          const socket = new FakeSocket(url, options);
          socket.reply = async (event, payload) => {
            const handler = this.handlers[event];
            return handler ? handler(payload) : { ok: true, data: {} };
          };
          this.sockets.push(socket);
          return socket.asSocket();
        },
      },
    ];
  }
}

/** A failed ack with `code`. */
export function refusal(code: string, message = code): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}
