import { DomainError } from '../errors';

/**
 * A failure reported by the SFU, or the SFU being unreachable. `sfuCode` is
 * the SFU's own numeric code when it answered with one (Janus error codes):
 * then the SFU is up and refused the request (`media.failed`); without a
 * code it could not be reached (`janus.unavailable`).
 */
export class SfuError extends DomainError {
  constructor(
    message: string,
    readonly sfuCode?: number,
  ) {
    super(sfuCode === undefined ? 'janus.unavailable' : 'media.failed', message);
  }
}
