import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { roomIdSchema, type SessionEndReason } from '@parley/protocol';

const HEADLINES: Record<SessionEndReason | 'left', string> = {
  left: 'You left the meeting',
  removed: 'You were removed from the meeting',
  replaced: 'You joined this meeting somewhere else',
  room_closed: 'The meeting has ended',
  server_shutdown: 'The server is restarting',
};

function isEndReason(value: string | undefined): value is SessionEndReason {
  return value !== undefined && value !== 'left' && value in HEADLINES;
}

/** `/r/:room/left`: after leaving (or being ended), with a way back in and a way home. */
@Component({
  selector: 'parley-left-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="left">
      <h1>{{ headline() }}</h1>
      @if (canRejoin()) {
        <p>Meeting <strong>{{ room() }}</strong></p>
      }
      <div class="actions">
        @if (canRejoin()) {
          <button type="button" class="button primary" (click)="rejoinMeeting()">Rejoin</button>
        }
        <a class="button secondary" routerLink="/">Back to start</a>
      </div>
    </main>
  `,
  styles: `
    .left {
      min-height: 100dvh;
      display: grid;
      place-content: center;
      justify-items: center;
      gap: 12px;
      padding: 24px;
      text-align: center;
    }
    h1 {
      margin: 0;
      font-size: clamp(1.6rem, 5vw, 2.2rem);
      letter-spacing: -0.02em;
    }
    p {
      margin: 0;
      color: var(--text-muted);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 12px;
      margin-top: 20px;
    }
  `,
})
export class LeftPage {
  readonly room = input.required<string>();
  /** `?reason=` when the gateway ended the session. */
  readonly reason = input<string | undefined>(undefined);

  private readonly router = inject(Router);

  protected readonly headline = computed(() => {
    const reason = this.reason();
    return HEADLINES[isEndReason(reason) ? reason : 'left'];
  });
  /** Removed people and invalid rooms get no "Rejoin". */
  protected readonly canRejoin = computed(
    () => roomIdSchema.safeParse(this.room()).success && this.reason() !== 'removed',
  );

  protected rejoinMeeting(): void {
    void this.router.navigate(['/r', this.room()], { state: { rejoin: true } });
  }
}
