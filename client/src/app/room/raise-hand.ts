import { Injectable, computed, inject, signal } from '@angular/core';
import { SignalingClient } from '../core/signaling/signaling-client';
import { ParticipantsStore } from '../core/call/participants-store';

/**
 * Raising and lowering one's hand (`participant.update {handRaised}`). The
 * button flips at once; the gateway's answer (one's own info, with the time
 * the hand went up) then becomes the truth, so a refused request flips it back.
 */
@Injectable()
export class RaiseHand {
  private readonly signaling = inject(SignalingClient);
  private readonly participants = inject(ParticipantsStore);
  /** What the last press asked for, until the gateway has answered every press. */
  private readonly requested = signal<boolean | null>(null);
  private inFlight = 0;

  /** Whether one's hand shows as raised. */
  readonly raised = computed(() => this.requested() ?? (this.participants.self()?.handRaisedAt ?? null) !== null);

  async toggle(): Promise<void> {
    const raise = !this.raised();
    this.requested.set(raise);
    this.inFlight++;
    try {
      const self = await this.signaling.request('participant.update', { handRaised: raise });
      this.participants.dispatch({ type: 'updated', participant: self });
    } catch (error) {
      console.warn(`Parley: could not ${raise ? 'raise' : 'lower'} the hand`, error);
    } finally {
      // Presses answered in order: only the last answer settles what is shown.
      if (--this.inFlight === 0) this.requested.set(null);
    }
  }
}
