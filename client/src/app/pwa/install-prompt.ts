import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

/** Chromium's `beforeinstallprompt` event (not in lib.dom). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice: Promise<{ readonly outcome: 'accepted' | 'dismissed' }>;
}

/** How an install request went. */
export type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable';

/**
 * The browser's offer to install Parley as an app, kept for an "Install
 * app" button. Chromium fires `beforeinstallprompt` once the page is
 * installable (manifest, icons, service worker); the event is held (and the
 * browser's own mini-infobar skipped) so the prompt opens when the person
 * asks for it. Created with the app shell, so an offer made on any screen is
 * kept. Safari and Firefox never fire it: no button there.
 */
@Injectable({ providedIn: 'root' })
export class InstallPrompt {
  private readonly offer = signal<BeforeInstallPromptEvent | null>(null);

  /** True while the browser offers installation. */
  readonly available = computed(() => this.offer() !== null);

  constructor() {
    const window = inject(DOCUMENT).defaultView;
    if (!window) return;
    const offered = (event: Event) => {
      event.preventDefault();
      this.offer.set(event as BeforeInstallPromptEvent);
    };
    const installed = () => this.offer.set(null);
    window.addEventListener('beforeinstallprompt', offered);
    window.addEventListener('appinstalled', installed);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('beforeinstallprompt', offered);
      window.removeEventListener('appinstalled', installed);
    });
  }

  /** Opens the browser's install dialog. An offer can be used once; the browser makes a new one if it is declined. */
  async install(): Promise<InstallOutcome> {
    const offer = this.offer();
    if (!offer) return 'unavailable';
    this.offer.set(null);
    await offer.prompt();
    return (await offer.userChoice).outcome;
  }
}
