import type { RequestOutcome } from '../realtime/request-handler';

/** An answer slower than this is worth an operator's attention (clients wait 10 s). */
export const SLOW_ANSWER_MS = 2_000;

/** How long the slow answers after a reported one are only counted. */
export const SLOW_ANSWER_WINDOW_MS = 1_000;

/** A line for the log: the first slow answer of a window, or what the window counted after it. */
export type SlowAnswerReport =
  | { readonly msg: 'Slow answer'; readonly outcome: string; readonly durationMs: number }
  | { readonly msg: 'More slow answers'; readonly count: number; readonly slowestMs: number; readonly withinMs: number };

const tenths = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Reports slow answers without adding to the overload that makes them: the
 * first in a window is reported at once, with its own log context; the
 * rest of the window are counted and reported as one line when it ends.
 * An overloaded gateway answers thousands of requests late each second, and
 * a synchronous log line for each of them was a large share of its CPU
 * (`node --cpu-prof` under the signalling bench).
 */
export class SlowAnswers {
  private counted = 0;
  private slowestMs = 0;
  private window: NodeJS.Timeout | undefined;

  constructor(private readonly report: (line: SlowAnswerReport) => void) {}

  /** Hears one request's outcome; fast ones are ignored. */
  heard(outcome: RequestOutcome): void {
    if (outcome.durationMs < SLOW_ANSWER_MS) return;
    if (this.window !== undefined) {
      this.counted++;
      this.slowestMs = Math.max(this.slowestMs, outcome.durationMs);
      return;
    }
    this.report({ msg: 'Slow answer', outcome: outcome.code ?? 'ok', durationMs: tenths(outcome.durationMs) });
    this.window = setTimeout(() => this.closeWindow(), SLOW_ANSWER_WINDOW_MS);
    this.window.unref();
  }

  /** Reports what is counted and stops the window's timer. Idempotent. */
  close(): void {
    clearTimeout(this.window);
    this.closeWindow();
  }

  private closeWindow(): void {
    this.window = undefined;
    if (this.counted === 0) return;
    this.report({ msg: 'More slow answers', count: this.counted, slowestMs: tenths(this.slowestMs), withinMs: SLOW_ANSWER_WINDOW_MS });
    this.counted = 0;
    this.slowestMs = 0;
  }
}
