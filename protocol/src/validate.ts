import { requestSchemas, type RequestName, type ValidRequest } from './events';

/** The outcome of checking a request's payload: its parsed value, or what is wrong with it. */
export type RequestCheck<E extends RequestName> =
  | { readonly ok: true; readonly data: ValidRequest<E> }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a request's payload against its schema, and never throws. zod runs a
 * string's length checks even on a value that is not a string, so a payload
 * such as `{ clientId: { length: { toString: 'x' } } }` makes the length
 * comparison throw "Cannot convert object to primitive value" inside
 * `safeParse`; such a payload is malformed like any other. Each problem reads
 * `path: message` (`payload` for the whole).
 */
export function checkRequest<E extends RequestName>(event: E, payload: unknown): RequestCheck<E> {
  try {
    const parsed = requestSchemas[event].safeParse(payload);
    if (parsed.success) return { ok: true, data: parsed.data as ValidRequest<E> };
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`) };
  } catch {
    return { ok: false, problems: ['payload: has a value of a kind the schema cannot read'] };
  }
}
