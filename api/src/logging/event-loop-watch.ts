import type { LoggerService } from '@nestjs/common';

/** How often the watch looks, and how late a look must be to be reported. */
const TICK_MS = 500;
const LATE_MS = 1_000;

/**
 * Warns when the gateway's event loop (or the whole process, starved of
 * CPU) stalled: every request waits behind a stall, and clients give up
 * after 10 s, so "Slow answer" lines without a stall point at Janus or the
 * network instead. Returns the stopper; the timer never keeps the process up.
 */
export function watchEventLoop(logger: LoggerService): () => void {
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const late = performance.now() - expected;
    expected = performance.now() + TICK_MS;
    if (late >= LATE_MS) logger.warn({ msg: 'The event loop stalled', stalledMs: Math.round(late) }, 'EventLoop');
  }, TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
