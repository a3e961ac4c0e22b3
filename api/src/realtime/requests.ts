import type { RequestName, Responses, ValidRequest } from '@parley/protocol';
import type { ChatService } from '../chat/chat.service';
import type { ReactionService } from '../reactions/reaction.service';
import type { HostService } from '../rooms/host.service';
import type { ParticipantService } from '../rooms/participant.service';
import type { ClientConnection } from './client-connection';

/** One request's work: the connection it came on and its validated payload in, its reply out. */
export type RequestHandler<E extends RequestName> = (connection: ClientConnection, request: ValidRequest<E>) => Promise<Responses[E]>;

/** Every request the protocol defines, each with its handler: a request added to the protocol fails to compile here until handled. */
export type RequestTable = { readonly [E in RequestName]: RequestHandler<E> };

/** What the handlers delegate to. */
export interface RequestDomains {
  readonly participants: ParticipantService;
  readonly chat: ChatService;
  readonly reactions: ReactionService;
  readonly host: HostService;
}

const done: Record<string, never> = {};

/**
 * The gateway's requests as one typed table, registered once per socket by
 * `RealtimeGateway`: validation, rate limiting and error replies happen
 * around every entry in the same place (`handleRequest`), so a handler is
 * only what the request means.
 */
export function requestTable({ participants, chat, reactions, host }: RequestDomains): RequestTable {
  return {
    'room.join': (connection, request) => connection.join(request),
    'room.leave': async (connection) => {
      await connection.leave();
      return done;
    },
    'media.publish': async (connection, request) => ({
      answer: await participants.publish(connection.session(), request.offer, request.tracks, request.ridOrder),
    }),
    'media.unpublish': async (connection) => {
      await participants.unpublish(connection.session());
      return done;
    },
    'media.answer': async (connection, request) => {
      await participants.answer(connection.session(), request.seq, request.answer);
      return done;
    },
    'media.trickle': async (connection, request) => {
      await participants.trickle(connection.session(), request.pc, request.candidate);
      return done;
    },
    'media.view': async (connection, request) => {
      await participants.view(connection.session(), request.views);
      return done;
    },
    'participant.update': (connection, request) => participants.update(connection.session(), request),
    'chat.send': (connection, request) => chat.send(connection.session(), request.clientId, request.text),
    'chat.history': (connection, request) => chat.history(connection.session(), request.before, request.limit),
    'reaction.send': async (connection, request) => {
      await reactions.send(connection.session(), request.emoji);
      return done;
    },
    'host.settings': (connection, request) => host.settings(connection.session(), request),
    'host.mute': async (connection, request) => {
      await host.mute(connection.session(), request.participantId);
      return done;
    },
    'host.remove': async (connection, request) => {
      await host.remove(connection.session(), request.participantId);
      return done;
    },
    'host.promote': async (connection, request) => {
      await host.promote(connection.session(), request.participantId);
      return done;
    },
    'host.admit': async (connection, request) => {
      await host.admit(connection.session(), request.requestId, request.admit);
      return done;
    },
  };
}
