import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { ParleyServer, ParleySocket } from '../realtime/parley-socket';
import { onRequestOutcome } from '../realtime/request-handler';
import { runWithLogContext, type LogFields } from './log-context';
import { SlowAnswers } from './slow-answers';

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
    // A slow answer is worth an operator's attention (clients give up after 10 s); a flood of them is reported as a count.
    // The count's line is not about the request whose timer it rides on: it carries no ids.
    const slow = new SlowAnswers((line) =>
      line.msg === 'Slow answer' ? this.logger.warn(line) : runWithLogContext(() => ({}), () => this.logger.warn(line)),
    );
    const stop = onRequestOutcome((outcome) => {
      slow.heard(outcome);
      this.logger.debug({ msg: 'Request answered', outcome: outcome.code ?? 'ok', durationMs: Math.round(outcome.durationMs * 10) / 10 });
    });
    this.stopTracing = () => {
      stop();
      slow.close();
    };
  }

  onApplicationShutdown(): void {
    this.stopTracing?.();
    this.stopTracing = undefined;
  }
}
