import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { currentLogFields } from './log-context';

/**
 * Keys that must never reach a log line if someone logs an object carrying
 * them (a request payload, a join result). Parley's own log calls pass ids
 * and short text only; this is the safety net behind that rule.
 */
export const REDACTED_KEYS = [
  'token',
  'resumeToken',
  'admitToken',
  'password',
  'passwordHash',
  'secret',
  'credential',
  'sdp',
  'offer',
  'answer',
  'candidate',
  'text',
  'iceServers',
] as const;

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

const PINO_LEVEL: Record<NestLevel, 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal'> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/** A Nest stack trace argument, as opposed to a context name. */
const looksLikeStack = (value: string): boolean => /\n\s+at /.test(value);

/**
 * Nest's logger over pino: every line one JSON object on stdout with `level`,
 * `time`, `context` (the Nest logger name), `msg`, and the room, participant,
 * socket and event of the request being handled (see log-context.ts).
 *
 * Why not nestjs-pino: it is built around pino-http's per-HTTP-request
 * context, while Parley's requests arrive over Socket.IO; all the gateway
 * needs is Nest's LoggerService interface, which this is.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: LevelWithSilent, destination: DestinationStream = pino.destination({ dest: 1, sync: true })) {
    this.pino = pino(
      {
        level,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => ({ ...currentLogFields() }),
        redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
      },
      destination,
    );
  }

  /**
   * Writes an info line whatever the level: for the few lines that scripts
   * and operators rely on (the gateway's "Parley is running at" line).
   */
  announce(message: string, context: string): void {
    this.pino.child({}, { level: 'info' }).info({ context }, message);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest calls `(message, ...optional, context)`, and for errors
   * `(message, stack, context)`; the trailing string is the context unless it
   * is a stack trace.
   */
  private write(level: NestLevel, message: unknown, params: readonly unknown[]): void {
    const method = PINO_LEVEL[level];
    // Per-request debug lines are off in production: skip the argument work too, not only pino's output.
    if (!this.pino.isLevelEnabled(method)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    const last = rest.at(-1);
    if (typeof last === 'string' && !looksLikeStack(last)) {
      fields['context'] = last;
      rest.pop();
    }
    const stack = rest.find((param): param is string => typeof param === 'string' && looksLikeStack(param));
    if (stack !== undefined) fields['stack'] = stack;
    if (message instanceof Error) {
      this.pino[method]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[method]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[method](fields, String(message));
    }
  }
}
