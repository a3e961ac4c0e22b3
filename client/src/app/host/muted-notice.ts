import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SignalingClient } from '../core/signaling/signaling-client';
import { LocalMedia } from '../core/webrtc/local-media';
import { Icon } from '../ui/icon';
import { CallPublishing } from '../core/call/call-publishing';

/** How long the notice stays when nobody dismisses it. */
const NOTICE_MS = 10_000;

/**
 * "The host muted you": on `session.muted` the microphone toggle goes to
 * muted (the local track is disabled, as with one's own mute, and the others
 * are told), and a notice says why, politely announced. The gateway keeps
 * the microphone muted in the SFU until this person unmutes themselves with
 * the usual toggle (which sends `participant.update {audioMuted:false}`);
 * unmuting also takes the notice away.
 */
@Component({
  selector: 'parley-muted-notice',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="live" role="status">
      @if (mutedBy(); as by) {
        <div class="notice" data-muted-by-host>
          <parley-icon name="mic-off" />
          <p>
            <strong>The host muted you</strong>
            <span class="detail">{{ by }} muted your microphone. Unmute yourself when you want to speak.</span>
          </p>
          <button type="button" class="dismiss" aria-label="Dismiss the muted notice" title="Dismiss" (click)="dismiss()">
            <parley-icon name="close" />
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      position: fixed;
      top: max(56px, calc(env(safe-area-inset-top) + 48px));
      left: 50%;
      z-index: 30;
      width: min(30rem, calc(100vw - 24px));
      transform: translateX(-50%);
      pointer-events: none;
    }
    .notice {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px 8px 12px 16px;
      border: 1px solid rgb(245 185 66 / 0.45);
      border-radius: 12px;
      background: #2a2617;
      color: #f8e2b0;
      box-shadow: 0 10px 28px rgb(0 0 0 / 0.45);
      pointer-events: auto;
    }
    .notice > parley-icon {
      margin-top: 2px;
      color: var(--warning);
    }
    p {
      display: grid;
      gap: 2px;
      flex: 1;
      margin: 0;
      line-height: 1.4;
    }
    .detail {
      color: #e5d3a8;
      font-size: 0.92rem;
    }
    .dismiss {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 36px;
      height: 36px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: inherit;
      cursor: pointer;
      font-size: 0.85rem;
    }
    .dismiss:hover {
      background: rgb(255 255 255 / 0.08);
    }
  `,
})
export class MutedNotice {
  private readonly publishing = inject(CallPublishing);
  private readonly media = inject(LocalMedia);
  /** The muting host's name while the notice shows. */
  protected readonly mutedBy = signal<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const destroyRef = inject(DestroyRef);
    inject(SignalingClient)
      .push('session.muted')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ by }) => this.mutedByHost(by));
    // Unmuting answers the notice.
    effect(() => {
      if (this.media.sendingAudio()) this.dismiss();
    });
    destroyRef.onDestroy(() => clearTimeout(this.timer));
  }

  protected dismiss(): void {
    clearTimeout(this.timer);
    this.mutedBy.set(null);
  }

  private mutedByHost(by: string): void {
    // Through the toggle, so the button, one's own tile and the others all agree it is muted.
    if (this.media.sendingAudio()) void this.publishing.toggleMicrophone();
    this.mutedBy.set(by);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.mutedBy.set(null), NOTICE_MS);
  }
}
