import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SwUpdate } from '@angular/service-worker';
import { filter, fromEvent, interval, merge } from 'rxjs';

/** Why the app wants a reload: a newer version is downloaded, or the cached one is broken. */
export type PendingUpdate = 'new-version' | 'unrecoverable';

/** How often an open app asks the server for a new version (an installed app may stay open for days). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * New versions of the app, as the Angular service worker reports them. The
 * worker downloads a new version by itself (on navigations, and when asked
 * here: hourly and when the app comes back to the foreground); once it is
 * ready (`VERSION_READY`) this says so, and `reload()` switches to it. What
 * to show, and when, is UpdatePrompt's business.
 */
@Injectable({ providedIn: 'root' })
export class AppUpdates {
  private readonly updates = inject(SwUpdate);
  private readonly document = inject(DOCUMENT);
  private readonly pendingSignal = signal<PendingUpdate | null>(null);

  /** The update waiting for a reload, or null. */
  readonly pending = this.pendingSignal.asReadonly();

  constructor() {
    if (!this.updates.isEnabled) return;
    this.updates.versionUpdates.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event.type === 'VERSION_READY') this.versionReady();
    });
    this.updates.unrecoverable.pipe(takeUntilDestroyed()).subscribe((event) => {
      console.warn('Parley: the cached app cannot run and must reload', event.reason);
      this.pendingSignal.set('unrecoverable');
    });
    merge(interval(CHECK_EVERY_MS), fromEvent(this.document, 'visibilitychange'))
      .pipe(
        filter(() => this.document.visibilityState === 'visible'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.check());
  }

  /** A new version is downloaded and ready (what the worker's VERSION_READY event calls). */
  versionReady(): void {
    // A broken cache stays the more urgent news.
    if (this.pendingSignal() === null) this.pendingSignal.set('new-version');
  }

  /** Switches to the new version: the worker serves it from now on, and the page loads it. */
  async reload(): Promise<void> {
    try {
      if (this.updates.isEnabled) await this.updates.activateUpdate();
    } catch (error) {
      // The page load below still gets the newest version the worker has.
      console.warn('Parley: could not activate the new version before reloading', error);
    }
    this.document.location.reload();
  }

  private check(): void {
    this.updates.checkForUpdate().catch((error: unknown) => console.warn('Parley: update check failed', error));
  }
}
