import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { DisconnectReason } from 'socket.io';
import { fail, PROTOCOL_VERSION, requestSchemas, type Ack, type Responses } from '@parley/protocol';
import { ChatService } from '../chat/chat.service';
import { DomainError } from '../errors';
import { RoomsService, type SessionRef } from '../rooms/rooms.service';
import type { ParleyServer, ParleySocket } from './parley-socket';
import { handleRequest } from './request-handler';
import { SocketPusher } from './socket-pusher';

type Reply<E extends keyof Responses> = Promise<Ack<Responses[E]>>;

function sessionOf(socket: ParleySocket): SessionRef {
  const session = socket.data.session;
  if (session === undefined) throw new DomainError('session.not_joined', 'Join a room first');
  return session;
}

/**
 * The Socket.IO door to Parley. Each handler validates its payload (in
 * `handleRequest`) and delegates to the rooms domain; the return value is the ack.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<ParleyServer> {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly rooms: RoomsService,
    private readonly chat: ChatService,
    private readonly pusher: SocketPusher,
  ) {}

  afterInit(server: ParleyServer): void {
    server.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const version = typeof auth === 'object' && auth !== null ? (auth as { v?: unknown }).v : undefined;
      if (version !== PROTOCOL_VERSION) {
        next(Object.assign(new Error('protocol.version'), { data: { expected: PROTOCOL_VERSION, got: version ?? null } }));
        return;
      }
      socket.on('disconnect', (reason) => void this.onDisconnect(socket, reason));
      socket.onAny((event: string, ...args: unknown[]) => {
        if (Object.hasOwn(requestSchemas, event)) return;
        const ack = args.at(-1);
        if (typeof ack === 'function') ack(fail('protocol.unknown_event', `Unknown event "${event}"`));
      });
      next();
    });
  }

  /**
   * A socket that closed on purpose (the client called disconnect) leaves at
   * once; one that dropped (network, tab killed, server restart) is held for
   * the resume grace window so a reconnect keeps the same identity.
   */
  private async onDisconnect(socket: ParleySocket, reason: DisconnectReason): Promise<void> {
    const session = socket.data.session;
    if (session === undefined) return;
    socket.data.session = undefined;
    this.pusher.unregister(session.participantId, socket);
    const onPurpose = reason === 'client namespace disconnect';
    const outcome = onPurpose ? this.rooms.leave(session, 'left') : this.rooms.suspend(session);
    await outcome.catch((error: unknown) => {
      this.logger.error(`After disconnect (${reason}) of ${session.participantId}: ${String(error)}`);
    });
  }

  @SubscribeMessage('room.join')
  join(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'room.join'> {
    return handleRequest('room.join', payload, async (request) => {
      if (socket.data.session !== undefined) throw new DomainError('session.already_joined', 'You are already in a room');
      const { session, result } = await this.rooms.join(request, (participantId) => {
        const previous = this.pusher.socketOf(participantId);
        if (previous === undefined) return;
        previous.data.session = undefined;
        this.pusher.unregister(participantId, previous);
        previous.emit('session.ended', { reason: 'replaced' });
        previous.disconnect(true);
      });
      if (!socket.connected) {
        // The client went away while joining: undo at once instead of leaving a ghost.
        await this.rooms.leave(session, 'disconnected');
        throw new DomainError('session.not_joined', 'Disconnected while joining');
      }
      socket.data.session = session;
      this.pusher.register(session.participantId, socket);
      return result;
    });
  }

  @SubscribeMessage('room.leave')
  leave(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'room.leave'> {
    return handleRequest('room.leave', payload, async () => {
      const session = sessionOf(socket);
      socket.data.session = undefined;
      this.pusher.unregister(session.participantId, socket);
      await this.rooms.leave(session, 'left');
      return {};
    });
  }

  @SubscribeMessage('media.publish')
  publish(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.publish'> {
    return handleRequest('media.publish', payload, async (request) => ({
      answer: await this.rooms.publish(sessionOf(socket), request.offer, request.tracks),
    }));
  }

  @SubscribeMessage('media.unpublish')
  unpublish(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.unpublish'> {
    return handleRequest('media.unpublish', payload, async () => {
      await this.rooms.unpublish(sessionOf(socket));
      return {};
    });
  }

  @SubscribeMessage('media.answer')
  answer(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.answer'> {
    return handleRequest('media.answer', payload, async (request) => {
      await this.rooms.answer(sessionOf(socket), request.seq, request.answer);
      return {};
    });
  }

  @SubscribeMessage('media.trickle')
  trickle(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.trickle'> {
    return handleRequest('media.trickle', payload, async (request) => {
      await this.rooms.trickle(sessionOf(socket), request.pc, request.candidate);
      return {};
    });
  }

  @SubscribeMessage('media.view')
  view(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.view'> {
    return handleRequest('media.view', payload, async (request) => {
      await this.rooms.view(sessionOf(socket), request.views);
      return {};
    });
  }

  @SubscribeMessage('participant.update')
  update(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'participant.update'> {
    return handleRequest('participant.update', payload, (request) => this.rooms.update(sessionOf(socket), request));
  }

  @SubscribeMessage('chat.send')
  sendChat(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'chat.send'> {
    return handleRequest('chat.send', payload, (request) => this.chat.send(sessionOf(socket), request.clientId, request.text));
  }

  @SubscribeMessage('chat.history')
  chatHistory(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'chat.history'> {
    return handleRequest('chat.history', payload, (request) => this.chat.history(sessionOf(socket), request.before, request.limit));
  }
}
