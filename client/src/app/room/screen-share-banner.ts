import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Icon } from '../ui/icon';
import { ScreenShare } from './screen-share';

/**
 * "You are sharing your screen" while one's own screen goes out (a polite
 * live region, so a screen reader hears the share start), and why a share
 * could not start or ended by itself (an alert, dismissable).
 */
@Component({
  selector: 'parley-screen-share-banner',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="sharing" role="status" [class.visible]="share.sharing()">
      @if (share.sharing()) {
        <parley-icon name="screen-share" />
        <span>You are sharing your screen</span>
      }
    </p>
    @if (share.notice(); as notice) {
      <div class="notice" role="alert">
        <parley-icon name="warning" />
        <span>{{ notice }}</span>
        <button type="button" class="dismiss" aria-label="Dismiss" title="Dismiss" (click)="share.dismissNotice()">
          <parley-icon name="close" />
        </button>
      </div>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .sharing {
      display: none;
      align-items: center;
      gap: 8px;
      margin: 0;
      padding: 6px 14px;
      border-radius: 999px;
      background: var(--accent-strong);
      color: var(--accent-text);
      font-size: 0.875rem;
      font-weight: 600;
    }
    .sharing.visible {
      display: inline-flex;
    }
    /* Kept in the page while empty, so screen readers hear it when the share starts. */
    .sharing:not(.visible) {
      display: block;
      position: absolute;
      width: 1px;
      height: 1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .notice {
      display: flex;
      align-items: center;
      gap: 8px;
      max-width: min(100%, 560px);
      padding: 6px 6px 6px 12px;
      border-radius: 12px;
      background: rgb(245 185 66 / 0.16);
      border: 1px solid rgb(245 185 66 / 0.5);
      color: var(--text);
      font-size: 0.875rem;
    }
    .notice > parley-icon {
      color: var(--warning);
    }
    .dismiss {
      display: inline-grid;
      place-items: center;
      width: 30px;
      height: 30px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--text-muted);
      cursor: pointer;
      flex: none;
    }
    .dismiss:hover {
      background: rgb(255 255 255 / 0.08);
      color: var(--text);
    }
  `,
})
export class ScreenShareBanner {
  protected readonly share = inject(ScreenShare);
}
