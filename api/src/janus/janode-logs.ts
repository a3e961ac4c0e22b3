import Janode from 'janode';
import type { JanusLogger } from './janus-context';

const text = (args: readonly unknown[]): string =>
  args.map((arg) => (typeof arg === 'function' ? String((arg as () => unknown)()) : arg instanceof Error ? arg.message : String(arg))).join(' ');

/**
 * Sends janode's own warnings and errors to `logger` instead of the console,
 * where they would be the only lines of the gateway's output that are not
 * JSON. Its info, verbose and debug lines (per-transaction chatter) are
 * dropped, as the adapter's `warning` level did before. Process-wide, like
 * janode's logger itself; the last call wins.
 */
export function routeJanodeLogs(logger: JanusLogger): void {
  const janode = Janode.Logger;
  janode.error = (...args) => logger.error(`janode: ${text(args)}`);
  janode.warning = (...args) => logger.warn(`janode: ${text(args)}`);
  janode.warn = janode.warning;
  const drop = (): void => undefined;
  janode.info = drop;
  janode.verbose = drop;
  janode.verb = drop;
  janode.debug = drop;
}
