import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ActiveCall } from './active-call';
import { AppUpdates } from './app-updates';

/**
 * "New version available — Reload", once the service worker has a new
 * version ready. Never during a call: reloading would drop it, and even the
 * prompt is a distraction there, so it waits until the call view is gone
 * (left, ended) and shows then. A polite status, not an alert: nothing is
 * wrong, and focus stays where it is.
 */
@Component({
  selector: 'parley-update-prompt',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="status" class="region">
      @if (shown(); as kind) {
        <div class="prompt" data-update-prompt>
          <p>{{ kind === 'new-version' ? 'New version available' : 'Parley needs to reload to keep working' }}</p>
          <button type="button" class="button primary" (click)="reloadApp()">Reload</button>
          @if (kind === 'new-version') {
            <button type="button" class="button quiet" (click)="dismiss()">Not now</button>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .region {
      position: fixed;
      left: 0;
      right: 0;
      bottom: max(16px, env(safe-area-inset-bottom));
      z-index: 50;
      display: flex;
      justify-content: center;
      padding: 0 12px;
      pointer-events: none;
    }
    .prompt {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 8px 12px;
      max-width: 100%;
      padding: 10px 12px 10px 20px;
      border: 1px solid var(--border);
      border-radius: 999px;
      background: var(--surface-2);
      color: var(--text);
      box-shadow: 0 10px 32px rgb(0 0 0 / 0.35);
      pointer-events: auto;
    }
    p {
      margin: 0;
      font-weight: 600;
    }
  `,
})
export class UpdatePrompt {
  private readonly updates = inject(AppUpdates);
  private readonly call = inject(ActiveCall);
  private readonly dismissed = signal(false);

  /** What to say now, or null: nothing pending, dismissed, or deferred while a call is on. */
  protected readonly shown = computed(() => {
    const pending = this.updates.pending();
    if (pending === null || this.call.inCall()) return null;
    return pending === 'new-version' && this.dismissed() ? null : pending;
  });

  protected reloadApp(): void {
    void this.updates.reload();
  }

  protected dismiss(): void {
    this.dismissed.set(true);
  }
}
