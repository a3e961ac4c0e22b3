import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { ParleyServer, ParleySocket } from '../realtime/parley-socket';
import { onRequestOutcome } from '../realtime/request-handler';
import { runWithLogContext, type LogFields } from './log-context';

/** An answer slower than this is logged as a warning (clients wait 10 s). */
const SLOW_ANSWER_MS = 2_000;

/** The ids a request's log lines carry: the socket's, and once joined, its room and participant. */
export function socketLogFields(socket: ParleySocket, event: string | undefined): LogFields {
  const session = socket.data.connection?.joined;
  return {
    socketId: socket.id,
    ...(event === undefined ? {} : { event }),
    ...(session === undefined ? {} : { room: session.room, participantId: session.participantId }),
  };
}

/**
 * Gives every Socket.IO request a log context, so whatever is logged while
 * handling it (here, in the rooms domain, in the Janus adapter) carries the
 * room and participant ids without each call site passing them; and traces
 * each request's outcome at debug level (a slow one as a warning). It shares the realtime gateway's
 * server and only observes: it handles no event itself.
 */
@WebSocketGateway()
export class LogContextGateway implements OnGatewayInit<ParleyServer>, OnApplicationShutdown {
  private readonly logger = new Logger('Requests');
  private stopTracing: (() => void) | undefined;

  afterInit(server: ParleyServer): void {
    server.on('connection', (socket: ParleySocket) => {
      // Socket.IO dispatches the event in a process.nextTick scheduled inside `next`, which keeps the context.
      socket.use(([event], next) => runWithLogContext(() => socketLogFields(socket, event), () => next()));
      const fields = (): LogFields => socketLogFields(socket, undefined);
      runWithLogContext(fields, () => this.logger.debug('Socket connected'));
      // Listeners run in the context of whoever emits, so the context is set again here.
      // A drop (not a leave or a closed page) is worth an operator's eye: the client resumes, and its media starts over.
      socket.on('disconnect', (reason) =>
        runWithLogContext(fields, () => {
          const entry = { msg: 'Socket disconnected', reason };
          if (reason === 'ping timeout' || reason === 'transport error') this.logger.log(entry);
          else this.logger.debug(entry);
        }),
      );
    });
    this.stopTracing?.();
    this.stopTracing = onRequestOutcome((outcome) => {
      const fields = { msg: 'Request answered', outcome: outcome.code ?? 'ok', durationMs: Math.round(outcome.durationMs * 10) / 10 };
      // A slow answer is worth an operator's attention: clients give up after 10 s.
      if (outcome.durationMs >= SLOW_ANSWER_MS) this.logger.warn({ ...fields, msg: 'Slow answer' });
      else this.logger.debug(fields);
    });
  }

  onApplicationShutdown(): void {
    this.stopTracing?.();
    this.stopTracing = undefined;
  }
}
