import type { ParticipantId } from '@parley/protocol';

/**
 * Participants held for resumption after their connection dropped: one
 * timer each, ending in their leave unless they come back first.
 */
export class GraceTimers {
  private readonly timers = new Map<ParticipantId, NodeJS.Timeout>();

  /** Starts (or restarts) `id`'s grace: `expired` runs once it ends. */
  hold(id: ParticipantId, ms: number, expired: () => void): void {
    this.release(id);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      expired();
    }, ms);
    timer.unref();
    this.timers.set(id, timer);
  }

  /** `id` came back or left: their grace ends without effect. */
  release(id: ParticipantId): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(id);
  }

  /** Ends every grace without effect (shutdown). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
