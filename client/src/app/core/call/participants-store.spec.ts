import { TestBed } from '@angular/core/testing';
import type { ParticipantId, ParticipantInfo } from '@parley/protocol';
import { participant } from '../../../testing/participants';
import { NO_PARTICIPANTS, ParticipantsStore, foldParticipants, type ParticipantsEvent } from './participants-store';

const person = participant;

const fold = (...events: ParticipantsEvent[]) => events.reduce(foldParticipants, NO_PARTICIPANTS);
const snapshot = (others: ParticipantInfo[] = []): ParticipantsEvent => ({ type: 'snapshot', self: person('me'), others });

describe('foldParticipants', () => {
  it('takes self and the others from the join snapshot', () => {
    const state = fold(snapshot([person('a')]));
    expect(state.self?.id).toBe('me' as ParticipantId);
    expect(state.others.map((p) => p.id)).toEqual(['a' as ParticipantId]);
  });

  it('appends someone who joined', () => {
    const state = fold(snapshot([person('a')]), { type: 'joined', participant: person('b') });
    expect(state.others.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('does not duplicate a participant who joins twice', () => {
    const state = fold(
      snapshot(),
      { type: 'joined', participant: person('a', 'Ada') },
      { type: 'joined', participant: person('a', 'Ada L.') },
    );
    expect(state.others.map((p) => p.name)).toEqual(['Ada L.']);
  });

  it('applies an update to the participant it names', () => {
    const state = fold(snapshot([person('a'), person('b')]), {
      type: 'updated',
      participant: person('b', 'b', { audioMuted: true }),
    });
    expect(state.others.map((p) => p.audioMuted)).toEqual([false, true]);
  });

  it('applies an update about oneself to self', () => {
    const state = fold(snapshot(), { type: 'updated', participant: person('me', 'me', { videoMuted: true }) });
    expect(state.self?.videoMuted).toBeTrue();
  });

  it('ignores an update for someone who already left', () => {
    const state = fold(snapshot([person('a')]), { type: 'left', participantId: 'a' as ParticipantId }, {
      type: 'updated',
      participant: person('a'),
    });
    expect(state.others).toEqual([]);
  });

  it('removes someone who left', () => {
    const state = fold(snapshot([person('a'), person('b')]), { type: 'left', participantId: 'a' as ParticipantId });
    expect(state.others.map((p) => p.id)).toEqual(['b' as ParticipantId]);
  });

  it('applies pushes that arrive before the snapshot after it', () => {
    const state = fold({ type: 'joined', participant: person('late') }, snapshot([person('a')]));
    expect(state.others.map((p) => p.id)).toEqual(['a', 'late'] as ParticipantId[]);
  });

  it('forgets everyone on reset', () => {
    expect(fold(snapshot([person('a')]), { type: 'reset' })).toEqual(NO_PARTICIPANTS);
  });
});

describe('ParticipantsStore', () => {
  it('exposes the folded roster as signals', () => {
    TestBed.configureTestingModule({ providers: [ParticipantsStore] });
    const store = TestBed.inject(ParticipantsStore);
    store.dispatch(snapshot([person('a')]));
    store.dispatch({ type: 'joined', participant: person('b') });
    expect(store.others().map((p) => p.id)).toEqual(['a', 'b'] as ParticipantId[]);
    expect(store.self()?.id).toBe('me' as ParticipantId);
  });

  it('queues raised hands, oneself included, by when they went up, and follows lowered ones', () => {
    TestBed.configureTestingModule({ providers: [ParticipantsStore] });
    const store = TestBed.inject(ParticipantsStore);
    store.dispatch(snapshot([person('a', 'a', { handRaisedAt: 30 }), person('b')]));
    store.dispatch({ type: 'updated', participant: person('me', 'me', { handRaisedAt: 10 }) });
    store.dispatch({ type: 'updated', participant: person('b', 'b', { handRaisedAt: 20 }) });
    expect(store.raisedHands().map((p) => p.id)).toEqual(['me', 'b', 'a'] as ParticipantId[]);
    store.dispatch({ type: 'updated', participant: person('b', 'b', { handRaisedAt: null }) });
    expect(store.raisedHands().map((p) => p.id)).toEqual(['me', 'a'] as ParticipantId[]);
  });
});
