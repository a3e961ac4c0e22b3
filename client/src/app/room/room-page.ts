import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { roomIdSchema } from '@parley/protocol';
import { ChatOutbox } from '../chat/chat-outbox';
import { ChatSession } from '../chat/chat-session';
import { ChatStore } from '../chat/chat-store';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { JoinAccess } from '../core/call/join-access';
import { HostActions } from '../host/host-actions';
import { KnockQueue } from '../host/knock-queue';
import { RoomSettingsStore } from '../host/room-settings';
import { Lobby } from '../lobby/lobby';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { CallView } from './call-view';
import { ParticipantsStore } from '../core/call/participants-store';

/**
 * `/r/:room`: the lobby, then the call, for one meeting. It provides the
 * meeting's services, so the socket, peer connections and devices live
 * exactly as long as this page.
 */
@Component({
  selector: 'parley-room-page',
  imports: [Lobby, CallView, RouterLink],
  providers: [
    SignalingClient,
    LocalMedia,
    ParticipantsStore,
    ...CALL_PROVIDERS,
    ChatStore,
    ChatOutbox,
    ChatSession,
    JoinAccess,
    RoomSettingsStore,
    KnockQueue,
    HostActions,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let id = roomId();
    @if (id === null) {
      <main class="invalid">
        <h1>That meeting link doesn't look right</h1>
        <p>{{ invalidReason() }}</p>
        <a class="button primary" routerLink="/">Back to start</a>
      </main>
    } @else if (session.inCall()) {
      <parley-call-view [room]="id" />
    } @else {
      <parley-lobby [room]="id" [autoJoin]="rejoin" />
    }
  `,
  styles: `
    .invalid {
      min-height: 100dvh;
      display: grid;
      place-content: center;
      justify-items: start;
      gap: 8px;
      max-width: 34rem;
      margin: 0 auto;
      padding: 24px;
    }
    h1 {
      margin: 0;
      font-size: 1.6rem;
    }
    p {
      margin: 0 0 16px;
      color: var(--text-muted);
      line-height: 1.5;
    }
  `,
})
export class RoomPage {
  /** The `:room` route parameter. */
  readonly room = input.required<string>();

  protected readonly session = inject(CallSession);
  private readonly router = inject(Router);
  /** Created with the page, before the first join, so the chat folds every push from the start. */
  private readonly chat = inject(ChatSession);
  /** Likewise: a knock or a settings change pushed before the call view shows is kept. */
  private readonly hostState = [inject(RoomSettingsStore), inject(KnockQueue)];

  protected readonly roomId = computed(() => {
    const parsed = roomIdSchema.safeParse(this.room());
    return parsed.success ? parsed.data : null;
  });
  protected readonly invalidReason = computed(
    () => `"${this.room()}" is not a meeting code. Codes use only letters, digits, "-" and "_", up to 64 characters.`,
  );
  /** Set by the "Rejoin" button of the left page, as navigation state (read while that navigation runs). */
  protected readonly rejoin = untracked(() => this.router.currentNavigation()?.extras.state?.['rejoin'] === true);

  constructor() {
    effect(() => {
      const phase = this.session.phase();
      const room = this.roomId();
      if (room === null || (phase.kind !== 'left' && phase.kind !== 'ended')) return;
      const reason = phase.kind === 'ended' ? phase.reason : undefined;
      void this.router.navigate(['/r', room, 'left'], { queryParams: reason ? { reason } : {}, replaceUrl: true });
    });
  }
}
