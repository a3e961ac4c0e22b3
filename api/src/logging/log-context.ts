import { AsyncLocalStorage } from 'node:async_hooks';

/** Who a log line is about, where known. Ids only: never names, tokens or message text. */
export interface LogFields {
  readonly room?: string;
  readonly participantId?: string;
  /** The Socket.IO socket the request came in on. */
  readonly socketId?: string;
  /** The protocol event being handled. */
  readonly event?: string;
}

/**
 * The fields are read when a line is written, not when the context starts:
 * a `room.join` only learns its participant id half-way through, and lines
 * written after that should carry it.
 */
const storage = new AsyncLocalStorage<() => LogFields>();

/** Runs `fn` (and everything it starts asynchronously) with `fields` attached to its log lines. */
export function runWithLogContext<T>(fields: () => LogFields, fn: () => T): T {
  return storage.run(fields, fn);
}

/** The fields of the current context; empty outside any. */
export function currentLogFields(): LogFields {
  const fields = storage.getStore();
  return fields === undefined ? {} : fields();
}
