import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Icon } from '../ui/icon';
import { OnlineStatus } from './online-status';

/**
 * What the app shows instead of its screens while the device has no
 * network (the installed app opened on a train, say): the service worker
 * serves the app shell from its cache, and this says plainly why nothing
 * else works, rather than a lobby whose every button fails or the
 * browser's own error page. It goes away by itself when the network comes
 * back; "Try again" is for the person who will not wait.
 */
@Component({
  selector: 'parley-offline-screen',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="offline" data-offline-screen>
      <img class="logo" src="icons/icon.svg" alt="" width="56" height="56" />
      <h1>You're offline</h1>
      <p>Parley needs a connection to join a meeting. This screen goes away by itself when you are back online.</p>
      <button type="button" class="button secondary" (click)="tryAgain()">
        <parley-icon name="retry" />
        Try again
      </button>
      <p class="still" role="status">{{ stillOffline() ? 'Still offline. Check Wi-Fi or mobile data.' : '' }}</p>
    </main>
  `,
  styles: `
    .offline {
      min-height: 100dvh;
      display: grid;
      place-content: center;
      justify-items: start;
      gap: 12px;
      max-width: 34rem;
      margin: 0 auto;
      padding: max(24px, env(safe-area-inset-top)) max(24px, env(safe-area-inset-right))
        max(24px, env(safe-area-inset-bottom)) max(24px, env(safe-area-inset-left));
    }
    .logo {
      border-radius: 14px;
    }
    h1 {
      margin: 8px 0 0;
      font-size: clamp(1.7rem, 6vw, 2.2rem);
      letter-spacing: -0.02em;
    }
    p {
      margin: 0;
      color: var(--text-muted);
      font-size: 1.1rem;
      line-height: 1.5;
    }
    .button {
      margin-top: 12px;
    }
    .still {
      min-height: 1.5em;
      font-size: 1rem;
    }
  `,
})
export class OfflineScreen {
  private readonly status = inject(OnlineStatus);
  protected readonly stillOffline = signal(false);

  protected tryAgain(): void {
    this.status.recheck();
    this.stillOffline.set(!this.status.online());
  }
}
