import { Logger, Optional } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { DisconnectReason } from 'socket.io';
import {
  fail,
  PROTOCOL_VERSION,
  requestSchemas,
  type Ack,
  type RequestName,
  type Responses,
  type ValidRequest,
} from '@parley/protocol';
import { ChatService } from '../chat/chat.service';
import { RedisCluster } from '../cluster/redis-cluster';
import { TokenBucket } from '../chat/token-bucket';
import { HostService } from '../rooms/host.service';
import { DomainError } from '../errors';
import { RoomsService, type SessionRef } from '../rooms/rooms.service';
import { TurnCredentials } from '../turn/turn-credentials';
import type { ParleyServer, ParleySocket } from './parley-socket';
import { handleRequest } from './request-handler';
import { SocketPusher } from './socket-pusher';

type Reply<E extends keyof Responses> = Promise<Ack<Responses[E]>>;

/** Requests per second a socket may send, sustained, and in a burst (trickle ICE comes in bursts). */
const REQUESTS_PER_SECOND = 20;
const REQUEST_BURST = 60;
/** Password guesses: 5 at once, then one every 12 s. */
const GUESSES_PER_SECOND = 1 / 12;
const GUESS_BURST = 5;

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
    private readonly host: HostService,
    private readonly pusher: SocketPusher,
    private readonly turn: TurnCredentials,
    /** Present with REDIS_URL: several gateways serve the same rooms. */
    @Optional() private readonly cluster?: RedisCluster,
  ) {}

  afterInit(server: ParleyServer): void {
    if (this.cluster !== undefined) {
      this.cluster.attach(server);
      this.pusher.reachOtherGateways(server);
    }
    server.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const version = typeof auth === 'object' && auth !== null ? (auth as { v?: unknown }).v : undefined;
      if (version !== PROTOCOL_VERSION) {
        next(Object.assign(new Error('protocol.version'), { data: { expected: PROTOCOL_VERSION, got: version ?? null } }));
        return;
      }
      socket.data.requests = new TokenBucket(REQUESTS_PER_SECOND, REQUEST_BURST);
      socket.data.passwordGuesses = new TokenBucket(GUESSES_PER_SECOND, GUESS_BURST);
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
    clearInterval(socket.data.tokenRefresh);
    clearInterval(socket.data.iceRefresh);
    const knock = socket.data.knock;
    if (knock !== undefined) await this.rooms.withdrawKnock(knock.room, knock.requestId);
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

  /** Rate-limits, validates and runs one request (see handleRequest). */
  private request<E extends RequestName, T>(
    socket: ParleySocket,
    event: E,
    payload: unknown,
    run: (request: ValidRequest<E>) => Promise<T>,
  ): Promise<Ack<T>> {
    if (socket.data.requests?.take() === false) {
      return Promise.resolve(fail('rate_limited', 'Too many requests; slow down'));
    }
    return handleRequest(event, payload, run);
  }

  @SubscribeMessage('room.join')
  join(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'room.join'> {
    return this.request(socket, 'room.join', payload, async (request) => {
      if (socket.data.session !== undefined) throw new DomainError('session.already_joined', 'You are already in a room');
      if (request.password !== undefined && socket.data.passwordGuesses?.take() === false) {
        throw new DomainError('rate_limited', 'Too many password attempts; wait a minute');
      }
      socket.data.knock = undefined;
      const { session, result } = await this.rooms.join(request, {
        admitted: (participantId) => this.pusher.register(participantId, socket),
        replaced: (participantId) => {
          const previous = this.pusher.socketOf(participantId);
          if (previous === undefined) return;
          previous.emit('session.ended', { reason: 'replaced' });
          this.pusher.disconnect(participantId);
        },
        knocked: (requestId) => {
          socket.data.knock = { room: request.room, requestId };
        },
        lobbyDecision: (decision) => {
          socket.data.knock = undefined;
          socket.emit('lobby.decision', decision);
        },
      });
      if (!socket.connected) {
        // The client went away while joining: undo at once instead of leaving a ghost.
        this.pusher.unregister(session.participantId, socket);
        await this.rooms.leave(session, 'disconnected');
        throw new DomainError('session.not_joined', 'Disconnected while joining');
      }
      socket.data.session = session;
      this.pusher.register(session.participantId, socket);
      this.refreshTokens(socket);
      this.refreshIceServers(socket);
      return result;
    });
  }

  /** Sends a fresh session token every third of its lifetime while the session lasts. */
  private refreshTokens(socket: ParleySocket): void {
    clearInterval(socket.data.tokenRefresh);
    socket.data.tokenRefresh = setInterval(() => {
      const session = socket.data.session;
      if (session === undefined) return;
      this.rooms
        .issueToken(session)
        .then((token) => socket.emit('session.token', { token }))
        .catch((error: unknown) => this.logger.warn(`Token refresh for ${session.participantId}: ${String(error)}`));
    }, (this.rooms.tokenTtlSeconds * 1000) / 3);
    socket.data.tokenRefresh.unref();
  }

  /** With TURN, sends fresh TURN credentials every third of their lifetime while the session lasts. */
  private refreshIceServers(socket: ParleySocket): void {
    clearInterval(socket.data.iceRefresh);
    const seconds = this.turn.refreshSeconds;
    if (seconds === null) return;
    socket.data.iceRefresh = setInterval(() => {
      const session = socket.data.session;
      if (session !== undefined) socket.emit('session.ice_servers', { iceServers: this.turn.iceServersFor(session.participantId) });
    }, seconds * 1000);
    socket.data.iceRefresh.unref();
  }

  @SubscribeMessage('room.leave')
  leave(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'room.leave'> {
    return this.request(socket, 'room.leave', payload, async () => {
      const session = sessionOf(socket);
      clearInterval(socket.data.tokenRefresh);
      clearInterval(socket.data.iceRefresh);
      socket.data.session = undefined;
      this.pusher.unregister(session.participantId, socket);
      await this.rooms.leave(session, 'left');
      return {};
    });
  }

  @SubscribeMessage('media.publish')
  publish(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.publish'> {
    return this.request(socket, 'media.publish', payload, async (request) => ({
      answer: await this.rooms.publish(sessionOf(socket), request.offer, request.tracks, request.ridOrder),
    }));
  }

  @SubscribeMessage('media.unpublish')
  unpublish(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.unpublish'> {
    return this.request(socket, 'media.unpublish', payload, async () => {
      await this.rooms.unpublish(sessionOf(socket));
      return {};
    });
  }

  @SubscribeMessage('media.answer')
  answer(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.answer'> {
    return this.request(socket, 'media.answer', payload, async (request) => {
      await this.rooms.answer(sessionOf(socket), request.seq, request.answer);
      return {};
    });
  }

  @SubscribeMessage('media.trickle')
  trickle(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.trickle'> {
    return this.request(socket, 'media.trickle', payload, async (request) => {
      await this.rooms.trickle(sessionOf(socket), request.pc, request.candidate);
      return {};
    });
  }

  @SubscribeMessage('media.view')
  view(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'media.view'> {
    return this.request(socket, 'media.view', payload, async (request) => {
      await this.rooms.view(sessionOf(socket), request.views);
      return {};
    });
  }

  @SubscribeMessage('participant.update')
  update(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'participant.update'> {
    return this.request(socket, 'participant.update', payload, (request) => this.rooms.update(sessionOf(socket), request));
  }

  @SubscribeMessage('chat.send')
  sendChat(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'chat.send'> {
    return this.request(socket, 'chat.send', payload, (request) => this.chat.send(sessionOf(socket), request.clientId, request.text));
  }

  @SubscribeMessage('chat.history')
  chatHistory(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'chat.history'> {
    return this.request(socket, 'chat.history', payload, (request) => this.chat.history(sessionOf(socket), request.before, request.limit));
  }

  @SubscribeMessage('host.settings')
  hostSettings(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'host.settings'> {
    return this.request(socket, 'host.settings', payload, (request) => this.host.settings(sessionOf(socket), request));
  }

  @SubscribeMessage('host.mute')
  hostMute(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'host.mute'> {
    return this.request(socket, 'host.mute', payload, async (request) => {
      await this.host.mute(sessionOf(socket), request.participantId);
      return {};
    });
  }

  @SubscribeMessage('host.remove')
  hostRemove(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'host.remove'> {
    return this.request(socket, 'host.remove', payload, async (request) => {
      await this.host.remove(sessionOf(socket), request.participantId);
      return {};
    });
  }

  @SubscribeMessage('host.promote')
  hostPromote(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'host.promote'> {
    return this.request(socket, 'host.promote', payload, async (request) => {
      await this.host.promote(sessionOf(socket), request.participantId);
      return {};
    });
  }

  @SubscribeMessage('host.admit')
  hostAdmit(@ConnectedSocket() socket: ParleySocket, @MessageBody() payload: unknown): Reply<'host.admit'> {
    return this.request(socket, 'host.admit', payload, async (request) => {
      await this.host.admit(sessionOf(socket), request.requestId, request.admit);
      return {};
    });
  }
}
