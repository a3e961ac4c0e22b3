import { Logger } from '@nestjs/common';
import { checkRequest, fail, ok, type Ack, type ErrorCode, type RequestName, type ValidRequest } from '@parley/protocol';
import { DomainError } from '../errors';

const logger = new Logger('Requests');

/** How one request ended: its event, `null` for success or the error code sent, and how long it took. */
export interface RequestOutcome {
  readonly event: RequestName;
  readonly code: ErrorCode | null;
  readonly durationMs: number;
}

const outcomeListeners = new Set<(outcome: RequestOutcome) => void>();

/**
 * Hears the outcome of every request this process answers (metrics count
 * them, logs trace them) without each handler having to report. Listeners
 * run synchronously, inside the request's log context. Returns the unsubscriber.
 */
export function onRequestOutcome(listener: (outcome: RequestOutcome) => void): () => void {
  outcomeListeners.add(listener);
  return () => outcomeListeners.delete(listener);
}

function settle<T>(event: RequestName, startedAt: number, ack: Ack<T>): Ack<T> {
  const outcome: RequestOutcome = { event, code: ack.ok ? null : ack.error.code, durationMs: performance.now() - startedAt };
  for (const listener of outcomeListeners) {
    try {
      listener(outcome);
    } catch (error) {
      logger.error(`Request outcome listener failed: ${String(error)}`);
    }
  }
  return ack;
}

/**
 * Runs one client request: validates the payload against the protocol schema
 * before anything else, then turns the outcome into an `Ack`. Expected
 * failures keep their code; anything else is logged and answered `internal`.
 * Never throws, so a bad request cannot take the gateway down.
 */
export async function handleRequest<E extends RequestName, T>(
  event: E,
  payload: unknown,
  run: (request: ValidRequest<E>) => Promise<T>,
): Promise<Ack<T>> {
  const startedAt = performance.now();
  return settle(event, startedAt, await answer(event, payload, run));
}

async function answer<E extends RequestName, T>(
  event: E,
  payload: unknown,
  run: (request: ValidRequest<E>) => Promise<T>,
): Promise<Ack<T>> {
  const checked = checkRequest(event, payload);
  if (!checked.ok) return fail('validation.failed', `Invalid ${event} request: ${checked.problems.join('; ')}`);
  try {
    return ok(await run(checked.data));
  } catch (error) {
    if (error instanceof DomainError) return fail(error.code, error.message);
    logger.error(`${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail('internal', 'Something went wrong on the server');
  }
}
