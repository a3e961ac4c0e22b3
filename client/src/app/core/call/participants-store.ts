import { Injectable, computed } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { ParticipantId, ParticipantInfo } from '@parley/protocol';
import { Subject, scan } from 'rxjs';
import { assertUnreachable } from '../assert-unreachable';
import { raisedHandsInOrder } from './raised-hands';

/** What changes the roster: the join snapshot, then the gateway's pushes. */
export type ParticipantsEvent =
  | { readonly type: 'snapshot'; readonly self: ParticipantInfo; readonly others: readonly ParticipantInfo[] }
  | { readonly type: 'joined'; readonly participant: ParticipantInfo }
  | { readonly type: 'updated'; readonly participant: ParticipantInfo }
  | { readonly type: 'left'; readonly participantId: ParticipantId }
  | { readonly type: 'reset' };

export interface ParticipantsState {
  /** This participant as the gateway knows it; null before the join snapshot. */
  readonly self: ParticipantInfo | null;
  /** Everyone else, in the order they joined. */
  readonly others: readonly ParticipantInfo[];
  /** Pushes that arrived before the snapshot, applied once it lands. */
  readonly early: readonly ParticipantsEvent[];
}

export const NO_PARTICIPANTS: ParticipantsState = { self: null, others: [], early: [] };

/**
 * The roster reducer. Joins are deduplicated by id (a re-sent or resumed
 * join replaces, never duplicates); an update for someone unknown is
 * ignored so a late update cannot resurrect a participant who left.
 */
export function foldParticipants(state: ParticipantsState, event: ParticipantsEvent): ParticipantsState {
  if (event.type === 'reset') return NO_PARTICIPANTS;
  if (event.type === 'snapshot') {
    const fresh: ParticipantsState = { self: event.self, others: event.others, early: [] };
    return state.early.reduce(foldParticipants, fresh);
  }
  if (state.self === null) return { ...state, early: [...state.early, event] };
  switch (event.type) {
    case 'joined': {
      const { participant } = event;
      if (participant.id === state.self.id) return state;
      const exists = state.others.some((p) => p.id === participant.id);
      const others = exists
        ? state.others.map((p) => (p.id === participant.id ? participant : p))
        : [...state.others, participant];
      return { ...state, others };
    }
    case 'updated': {
      const { participant } = event;
      if (participant.id === state.self.id) return { ...state, self: participant };
      if (!state.others.some((p) => p.id === participant.id)) return state;
      return { ...state, others: state.others.map((p) => (p.id === participant.id ? participant : p)) };
    }
    case 'left':
      return { ...state, others: state.others.filter((p) => p.id !== event.participantId) };
    default:
      return assertUnreachable(event);
  }
}

/**
 * Who is in the meeting. The call session feeds it events; views read
 * signals. Provided per meeting.
 */
@Injectable()
export class ParticipantsStore {
  private readonly events = new Subject<ParticipantsEvent>();
  private readonly state = toSignal(this.events.pipe(scan(foldParticipants, NO_PARTICIPANTS)), {
    initialValue: NO_PARTICIPANTS,
  });

  readonly self = computed(() => this.state().self);
  readonly others = computed(() => this.state().others);
  /** Everyone with a raised hand (oneself included), first raised first. */
  readonly raisedHands = computed(() => {
    const { self, others } = this.state();
    return raisedHandsInOrder(self ? [self, ...others] : others, (p) => p.id);
  });

  dispatch(event: ParticipantsEvent): void {
    this.events.next(event);
  }
}
