import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Icon } from '../ui/icon';
import type { CallStatus } from '../core/call/call-phase';

/**
 * The line that says the call is not (yet) fine: connecting, reconnecting,
 * or failed with the reason and a way to try again. Empty when all is well.
 */
@Component({
  selector: 'parley-connection-status',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="status" role="status" aria-live="polite" [attr.data-status]="status()?.kind ?? 'ok'">
      @switch (status()?.kind) {
        @case ('connecting') {
          <span class="spinner" aria-hidden="true"></span> Connecting…
        }
        @case ('reconnecting') {
          <span class="spinner" aria-hidden="true"></span> Connection lost. Reconnecting…
        }
        @case ('failed') {
          <parley-icon name="warning" />
          <span class="message">{{ failureMessage() }}</span>
          <button type="button" class="button secondary retry" (click)="retry.emit()">
            <parley-icon name="retry" /> Try again
          </button>
        }
      }
    </div>
  `,
  styles: `
    .status:not([data-status='ok']) {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 10px;
      padding: 8px 14px;
      border-radius: 12px;
      background: rgb(28 31 43 / 0.92);
      font-size: 0.95rem;
    }
    .status[data-status='failed'] {
      background: rgb(90 28 33 / 0.95);
      color: #ffd5d6;
    }
    .retry {
      min-height: 36px;
      padding: 0 14px;
      font-size: 0.9rem;
    }
    .spinner {
      width: 14px;
      height: 14px;
      border: 2px solid rgb(255 255 255 / 0.25);
      border-top-color: #fff;
      border-radius: 50%;
      animation: spin 0.9s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `,
})
export class ConnectionStatus {
  readonly status = input.required<CallStatus | null>();
  readonly retry = output<void>();

  protected failureMessage(): string {
    const status = this.status();
    return status?.kind === 'failed' ? status.message : '';
  }
}
