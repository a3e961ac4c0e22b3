import { Logger } from '@nestjs/common';
import { fail, ok, requestSchemas, type Ack, type RequestName, type ValidRequest } from '@parley/protocol';
import { DomainError } from '../errors';

const logger = new Logger('Requests');

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
  const parsed = requestSchemas[event].safeParse(payload);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`);
    return fail('validation.failed', `Invalid ${event} request: ${detail.join('; ')}`);
  }
  try {
    return ok(await run(parsed.data as ValidRequest<E>));
  } catch (error) {
    if (error instanceof DomainError) return fail(error.code, error.message);
    logger.error(`${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail('internal', 'Something went wrong on the server');
  }
}
