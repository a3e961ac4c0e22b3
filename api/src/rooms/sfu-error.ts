import { DomainError } from '../errors';

/**
 * A failure reported by the SFU, or the SFU being unreachable. `sfuCode` is
 * the SFU's own numeric code when it gave one (Janus error codes).
 */
export class SfuError extends DomainError {
  constructor(
    message: string,
    readonly sfuCode?: number,
  ) {
    super('janus.unavailable', message);
  }
}
