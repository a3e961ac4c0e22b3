import { Injectable } from '@nestjs/common';
import type { ParticipantId, PushName, ServerToClientEvents } from '@parley/protocol';
import type { Pusher } from '../rooms/pusher';
import type { ParleyServer, ParleySocket } from './parley-socket';

/** The Socket.IO room a participant's socket joins, so any gateway can push to it through the adapter. */
export function participantChannel(participantId: ParticipantId): string {
  return `participant:${participantId}`;
}

/**
 * Delivers pushes to the socket each participant is connected on. With
 * several gateways, a participant connected to another one is reached
 * through the Socket.IO adapter (their socket's own Socket.IO room).
 */
@Injectable()
export class SocketPusher implements Pusher {
  private readonly sockets = new Map<ParticipantId, ParleySocket>();
  private cluster: ParleyServer | null = null;

  /** Several gateways: pushes to participants not connected here go through `server`'s adapter. */
  reachOtherGateways(server: ParleyServer): void {
    this.cluster = server;
  }

  register(participantId: ParticipantId, socket: ParleySocket): void {
    this.sockets.set(participantId, socket);
    if (this.cluster !== null) void socket.join(participantChannel(participantId));
  }

  /** Forgets the participant's socket, unless another socket has taken over since. */
  unregister(participantId: ParticipantId, socket: ParleySocket): void {
    if (this.cluster !== null) void socket.leave(participantChannel(participantId));
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
    else this.cluster?.to(participantChannel(to)).emit(event, ...args);
  }
}
