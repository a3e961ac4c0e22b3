import { Logger, Optional } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import { fail, PROTOCOL_VERSION, requestSchemas, type Ack, type RequestName, type Responses } from '@parley/protocol';
import { ChatService } from '../chat/chat.service';
import { ReactionService } from '../reactions/reaction.service';
import { RedisCluster } from '../cluster/redis-cluster';
import { HostService } from '../rooms/host.service';
import { ParticipantService } from '../rooms/participant.service';
import { RoomsService } from '../rooms/rooms.service';
import { TurnCredentials } from '../turn/turn-credentials';
import { ClientConnection } from './client-connection';
import type { ParleyServer, ParleySocket } from './parley-socket';
import { handleRequest } from './request-handler';
import { requestTable, type RequestTable } from './requests';
import { SocketPusher } from './socket-pusher';

function isRequestName(event: string): event is RequestName {
  return Object.hasOwn(requestSchemas, event);
}

function isAck(value: unknown): value is (reply: Ack<unknown>) => void {
  return typeof value === 'function';
}

/**
 * The Socket.IO door to Parley: checks the protocol version at the
 * handshake, gives each accepted socket its `ClientConnection`, and routes
 * every event through the one request table (`requests.ts`): rate limit,
 * validation (in `handleRequest`), handler, reply, then the step that
 * follows the reply, if any. Unknown events get `protocol.unknown_event`.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<ParleyServer> {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly table: RequestTable;

  constructor(
    private readonly rooms: RoomsService,
    participants: ParticipantService,
    chat: ChatService,
    reactions: ReactionService,
    host: HostService,
    private readonly pusher: SocketPusher,
    private readonly turn: TurnCredentials,
    /** Present with REDIS_URL: several gateways serve the same rooms. */
    @Optional() private readonly cluster?: RedisCluster,
  ) {
    this.table = requestTable({ participants, chat, reactions, host });
  }

  afterInit(server: ParleyServer): void {
    this.pusher.attach(server);
    this.cluster?.attach(server);
    server.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const version = typeof auth === 'object' && auth !== null ? (auth as { v?: unknown }).v : undefined;
      if (version !== PROTOCOL_VERSION) {
        next(Object.assign(new Error('protocol.version'), { data: { expected: PROTOCOL_VERSION, got: version ?? null } }));
        return;
      }
      const connection = new ClientConnection(socket, { rooms: this.rooms, pusher: this.pusher, turn: this.turn, logger: this.logger });
      socket.data.connection = connection;
      // A socket that closed on purpose leaves at once; one that dropped is held for the resume grace window.
      socket.on('disconnect', (reason) => void connection.close(reason === 'client namespace disconnect'));
      for (const event of Object.keys(this.table)) if (isRequestName(event)) this.register(socket, connection, event);
      socket.onAny((event: string, ...args: unknown[]) => {
        const ack = args.at(-1);
        if (!isRequestName(event) && isAck(ack)) ack(fail('protocol.unknown_event', `Unknown event "${event}"`));
      });
      next();
    });
  }

  /**
   * Listens for one request on `socket` (after Socket.IO's middlewares, so
   * the log context applies): a client that sent no payload has its ack
   * first.
   */
  private register<E extends RequestName>(socket: ParleySocket, connection: ClientConnection, event: E): void {
    const listener = (first: unknown, second: unknown): void => {
      const ack = isAck(second) ? second : isAck(first) ? first : undefined;
      const payload = isAck(first) ? undefined : first;
      void this.answer(connection, event, payload).then((reply) => ack?.(reply));
    };
    // Socket.IO's typed `on` cannot resolve a generic event name; the untyped view takes the same listener.
    const untyped: EventEmitter = socket;
    untyped.on(event, listener);
  }

  private answer<E extends RequestName>(connection: ClientConnection, event: E, payload: unknown): Promise<Ack<Responses[E]>> {
    if (!connection.takeRequest()) return Promise.resolve(fail('rate_limited', 'Too many requests; slow down'));
    const handler: RequestTable[E] = this.table[event];
    return handleRequest(event, payload, (request) => handler(connection, request));
  }
}
