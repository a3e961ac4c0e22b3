import { Injectable } from '@nestjs/common';
import type { ParticipantId, PushName, ServerToClientEvents } from '@parley/protocol';
import type { Pusher } from '../rooms/pusher';
import type { ParleySocket } from './parley-socket';

/** Delivers pushes to the socket each participant is connected on. */
@Injectable()
export class SocketPusher implements Pusher {
  private readonly sockets = new Map<ParticipantId, ParleySocket>();

  register(participantId: ParticipantId, socket: ParleySocket): void {
    this.sockets.set(participantId, socket);
  }

  /** Forgets the participant's socket, unless another socket has taken over since. */
  unregister(participantId: ParticipantId, socket: ParleySocket): void {
    if (this.sockets.get(participantId) === socket) this.sockets.delete(participantId);
  }

  socketOf(participantId: ParticipantId): ParleySocket | undefined {
    return this.sockets.get(participantId);
  }

  disconnect(participantId: ParticipantId): void {
    const socket = this.sockets.get(participantId);
    if (socket === undefined) return;
    this.sockets.delete(participantId);
    // Cleared first, so the disconnect handler does not hold the session for resumption.
    socket.data.session = undefined;
    socket.disconnect(true);
  }

  push<E extends PushName>(to: ParticipantId, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.sockets.get(to)?.emit(event, ...args);
  }
}
