import { Injectable, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { ParticipantId, SpeakerState as SpeakersEvent } from '@parley/protocol';
import { map, merge, scan } from 'rxjs';
import { SignalingClient } from '../signaling/signaling-client';
import { CallSession } from './call-session';
import { ParticipantsStore } from './participants-store';

/** Who talks, as folded from `speaker.changed` pushes. */
export interface SpeakerState {
  /** Everyone talking now: their tiles get the speaking ring. */
  readonly speaking: ReadonlySet<string>;
  /**
   * The latest other person to start talking. Oneself never takes the large
   * tile (nobody wants to watch themselves), so when the gateway names us as
   * the active speaker the previous remote speaker stays featured.
   */
  readonly lastRemoteSpeaker: ParticipantId | null;
}

export const NO_SPEAKERS: SpeakerState = { speaking: new Set(), lastRemoteSpeaker: null };

/** Folds one `speaker.changed` push (or a join's `speakers`) into the state; `selfId` is this client's participant id. */
export function foldSpeakers(
  state: SpeakerState,
  event: SpeakersEvent,
  selfId: string | null,
): SpeakerState {
  const active = event.activeSpeaker;
  return {
    speaking: new Set(event.speaking),
    lastRemoteSpeaker: active !== null && active !== selfId ? active : state.lastRemoteSpeaker,
  };
}

/**
 * Who the speaker layout shows large: the last remote speaker while they are
 * still here; otherwise (nobody has talked yet, or they left) the first
 * other participant; oneself only when alone.
 */
export function featuredParticipant(state: SpeakerState, selfId: string | null, others: readonly string[]): string | null {
  const speaker = state.lastRemoteSpeaker;
  if (speaker !== null && others.includes(speaker)) return speaker;
  return others[0] ?? selfId;
}

/**
 * The meeting's speaking state as signals: from each join's (and rejoin's)
 * `speakers`, so someone who joins mid-conversation sees the speaker at once,
 * then from the gateway's `speaker.changed` pushes.
 */
@Injectable()
export class SpeakerStore {
  private readonly participants = inject(ParticipantsStore);
  private readonly state = toSignal(
    merge(inject(CallSession).joins$.pipe(map((join) => join.speakers)), inject(SignalingClient).push('speaker.changed')).pipe(
      scan((state, event) => foldSpeakers(state, event, this.participants.self()?.id ?? null), NO_SPEAKERS),
    ),
    { initialValue: NO_SPEAKERS },
  );

  /** Ids of everyone talking now. */
  readonly speaking = computed(() => this.state().speaking);
  /** The participant the speaker layout shows large. */
  readonly featured = computed(() =>
    featuredParticipant(
      this.state(),
      this.participants.self()?.id ?? null,
      this.participants.others().map((p) => p.id),
    ),
  );
}
