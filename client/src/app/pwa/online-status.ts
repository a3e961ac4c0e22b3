import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/**
 * Whether the browser says it is online (`navigator.onLine` and its
 * `online`/`offline` events). "Offline" is reliable (no network at all);
 * "online" only means some network, so a server that cannot be reached
 * still shows as an error where it is used.
 */
@Injectable({ providedIn: 'root' })
export class OnlineStatus {
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly onlineSignal = signal(this.window?.navigator.onLine ?? true);

  readonly online = this.onlineSignal.asReadonly();

  constructor() {
    const window = this.window;
    if (!window) return;
    const update = () => this.recheck();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    });
  }

  /** Reads `navigator.onLine` again (also for "Try again": an event may lag behind the radio). */
  recheck(): void {
    if (this.window) this.onlineSignal.set(this.window.navigator.onLine);
  }
}
