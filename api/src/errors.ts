import type { ErrorCode } from '@parley/protocol';

/**
 * Base of every expected failure. The realtime layer turns it into an error
 * ack with this `code`; anything that is not a DomainError becomes `internal`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
