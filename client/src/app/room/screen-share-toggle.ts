import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Icon } from '../icons/icon';
import { ScreenShare } from './screen-share';

/**
 * The control bar's "Share screen" / "Stop sharing" button. Its name says
 * what pressing it does; `aria-pressed` is true while sharing. Browsers
 * without getDisplayMedia (phones) get no button at all rather than one
 * that can only fail.
 */
@Component({
  selector: 'parley-screen-share-toggle',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[style.display]': 'share.supported ? null : "none"' },
  template: `
    @if (share.supported) {
      <button
        type="button"
        class="round"
        [class.sharing]="share.sharing()"
        [attr.aria-label]="label()"
        [attr.aria-pressed]="share.sharing()"
        [title]="label()"
        [disabled]="share.busy()"
        (click)="toggleScreenShare()"
      >
        <parley-icon [name]="share.sharing() ? 'screen-share-off' : 'screen-share'" />
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .round {
      display: inline-grid;
      place-items: center;
      width: 52px;
      height: 52px;
      border-radius: 50%;
      border: 1px solid rgb(255 255 255 / 0.14);
      background: rgb(60 64 82 / 0.92);
      color: #fff;
      cursor: pointer;
      font-size: 1rem;
      transition: background-color 120ms;
    }
    .round:hover {
      background: rgb(78 83 104 / 0.95);
    }
    .round.sharing {
      background: var(--accent);
      border-color: transparent;
    }
    .round.sharing:hover {
      background: var(--accent-strong);
    }
    .round:disabled {
      cursor: progress;
      opacity: 0.7;
    }
  `,
})
export class ScreenShareToggle {
  protected readonly share = inject(ScreenShare);
  protected readonly label = computed(() => (this.share.sharing() ? 'Stop sharing' : 'Share screen'));

  protected toggleScreenShare(): void {
    void this.share.toggle();
  }
}
