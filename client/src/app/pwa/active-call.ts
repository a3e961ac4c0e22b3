import { Injectable, computed, signal } from '@angular/core';

/**
 * Whether a call is on screen, for the parts of the app shell that must not
 * interrupt one (the "New version available" prompt, the offline screen).
 * The call view holds it while it shows; the shell only reads it. A count,
 * not a flag, so an old call view torn down after a new one started (a
 * route change) cannot clear the new one's hold.
 */
@Injectable({ providedIn: 'root' })
export class ActiveCall {
  private readonly holds = signal(0);

  /** True while at least one call view is on screen. */
  readonly inCall = computed(() => this.holds() > 0);

  /** A call started showing; call the returned function when it stops. Releasing twice is harmless. */
  hold(): () => void {
    this.holds.update((n) => n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds.update((n) => n - 1);
    };
  }
}
