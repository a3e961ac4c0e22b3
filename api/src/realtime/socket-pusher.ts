import { Injectable } from '@nestjs/common';
import type { ParticipantId, PushName, RoomId, ServerToClientEvents } from '@parley/protocol';
import type { Pusher, RoomAudience } from '../rooms/pusher';
import type { ParleyServer, ParleySocket } from './parley-socket';

/** The Socket.IO room a participant's socket joins, so any gateway can push to it through the adapter. */
export function participantChannel(participantId: ParticipantId): string {
  return `participant:${participantId}`;
}

/** The Socket.IO room every socket of a Parley room's participants joins, for room-wide pushes. */
export function roomChannel(room: RoomId): string {
  return `room:${room}`;
}

/**
 * Delivers pushes over Socket.IO. A personal push goes to the participant's
 * socket (through the adapter when it is on another gateway); a room-wide
 * push goes once to the room's channel, which Socket.IO encodes once and,
 * with several gateways, its adapter carries across once.
 */
@Injectable()
export class SocketPusher implements Pusher {
  private readonly sockets = new Map<ParticipantId, ParleySocket>();
  private server: ParleyServer | null = null;

  /** The server whose channels (and, with several gateways, adapter) pushes go through. */
  attach(server: ParleyServer): void {
    this.server = server;
  }

  /** `socket` now speaks for `participantId`, a member of `room`: it joins both their channels. */
  register(participantId: ParticipantId, room: RoomId, socket: ParleySocket): void {
    this.sockets.set(participantId, socket);
    void socket.join([participantChannel(participantId), roomChannel(room)]);
  }

  /** The socket no longer speaks for anyone (left, held for resumption, replaced): it leaves every channel. */
  unregister(participantId: ParticipantId, socket: ParleySocket): void {
    for (const channel of [...socket.rooms]) if (channel !== socket.id) void socket.leave(channel);
    if (this.sockets.get(participantId) === socket) this.sockets.delete(participantId);
  }

  socketOf(participantId: ParticipantId): ParleySocket | undefined {
    return this.sockets.get(participantId);
  }

  disconnect(participantId: ParticipantId): void {
    const socket = this.sockets.get(participantId);
    if (socket === undefined) return;
    this.sockets.delete(participantId);
    // Let go first, so the disconnect does not hold the session for resumption.
    socket.data.connection?.replaced();
    socket.disconnect(true);
  }

  push<E extends PushName>(to: ParticipantId, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    const socket = this.sockets.get(to);
    if (socket !== undefined) socket.emit(event, ...args);
    else this.attached().to(participantChannel(to)).emit(event, ...args);
  }

  pushToRoom<E extends PushName>(room: RoomAudience, except: ParticipantId | null, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    const channel = this.attached().to(roomChannel(room.id));
    (except === null ? channel : channel.except(participantChannel(except))).emit(event, ...args);
  }

  private attached(): ParleyServer {
    if (this.server === null) throw new Error('SocketPusher used before the gateway attached its server');
    return this.server;
  }
}
