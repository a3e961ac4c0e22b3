import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, viewChild } from '@angular/core';
import { CallSession } from '../core/call/call-session';

/**
 * In place of the join form while this person waits in a room's lobby
 * (`lobby.waiting`): says so, politely announced, with a way out. The
 * host's decision arrives on the same socket and the call session acts on
 * it (joining with the admit token, or saying they were not let in).
 */
@Component({
  selector: 'parley-lobby-waiting',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-lobby-waiting': 'true' },
  template: `
    <div class="status" role="status">
      <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
      <p #message class="message" tabindex="-1">Waiting for the host to let you in</p>
    </div>
    <p class="detail">The host has been told you're here. You will join as soon as they let you in.</p>
    <button type="button" class="button secondary" aria-label="Cancel joining" (click)="cancelWaiting()">Cancel</button>
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
      justify-items: start;
      padding: 20px;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
    }
    .status {
      display: flex;
      align-items: center;
      gap: 14px;
    }
    .message {
      margin: 0;
      font-size: 1.15rem;
      font-weight: 600;
    }
    .message:focus {
      outline: none;
    }
    .detail {
      margin: 0;
      color: var(--text-muted);
      line-height: 1.5;
    }
    .dots {
      display: inline-flex;
      gap: 5px;
    }
    .dots i {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--accent);
      animation: pulse 1.2s ease-in-out infinite;
    }
    .dots i:nth-child(2) {
      animation-delay: 0.2s;
    }
    .dots i:nth-child(3) {
      animation-delay: 0.4s;
    }
    @keyframes pulse {
      0%,
      80%,
      100% {
        opacity: 0.25;
      }
      40% {
        opacity: 1;
      }
    }
  `,
})
export class LobbyWaiting {
  private readonly session = inject(CallSession);
  private readonly message = viewChild.required<ElementRef<HTMLElement>>('message');

  constructor() {
    // The Join button that had focus is gone: keep keyboard and screen-reader users where the news is.
    afterNextRender(() => this.message().nativeElement.focus());
  }

  protected cancelWaiting(): void {
    this.session.cancelWaiting();
  }
}
