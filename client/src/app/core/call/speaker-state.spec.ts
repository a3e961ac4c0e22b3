import { TestBed } from '@angular/core/testing';
import type { JoinResult, ParticipantId, SpeakerState as SpeakersEvent } from '@parley/protocol';
import { Subject } from 'rxjs';
import { participant } from '../../../testing/participants';
import { SignalingClient } from '../signaling/signaling-client';
import { CallSession } from './call-session';
import { ParticipantsStore } from './participants-store';
import { NO_SPEAKERS, SpeakerStore, featuredParticipant, foldSpeakers, type SpeakerState } from './speaker-state';

const id = (value: string) => value as ParticipantId;
const changed = (activeSpeaker: string | null, speaking: string[]) => ({
  activeSpeaker: activeSpeaker === null ? null : id(activeSpeaker),
  speaking: speaking.map(id),
});

describe('foldSpeakers', () => {
  it('rings everyone who talks now', () => {
    const state = foldSpeakers(NO_SPEAKERS, changed('a', ['a', 'b']), 'me');
    expect([...state.speaking]).toEqual(['a', 'b']);
  });

  it('clears the rings when everyone stops, keeping the last speaker featured', () => {
    const talking = foldSpeakers(NO_SPEAKERS, changed('a', ['a']), 'me');
    const quiet = foldSpeakers(talking, changed('a', []), 'me');
    expect(quiet.speaking.size).toBe(0);
    expect(quiet.lastRemoteSpeaker).toBe(id('a'));
  });

  it('moves the large tile to the latest other person to talk', () => {
    const events = [changed('a', ['a']), changed('b', ['a', 'b'])];
    const state = events.reduce((s, e) => foldSpeakers(s, e, 'me'), NO_SPEAKERS);
    expect(state.lastRemoteSpeaker).toBe(id('b'));
  });

  it('never features oneself: the previous remote speaker stays large', () => {
    const state = [changed('a', ['a']), changed('me', ['me'])].reduce((s, e) => foldSpeakers(s, e, 'me'), NO_SPEAKERS);
    expect(state.lastRemoteSpeaker).toBe(id('a'));
    expect(state.speaking.has('me')).toBeTrue();
  });
});

describe('featuredParticipant', () => {
  const spoke = (who: string | null): SpeakerState => ({ speaking: new Set(), lastRemoteSpeaker: who === null ? null : id(who) });

  it('shows the first other participant large until anyone has talked', () => {
    expect(featuredParticipant(spoke(null), 'me', ['a', 'b'])).toBe('a');
  });

  it('shows the last remote speaker large', () => {
    expect(featuredParticipant(spoke('b'), 'me', ['a', 'b'])).toBe('b');
  });

  it('falls back to the first other participant when the speaker left', () => {
    expect(featuredParticipant(spoke('gone'), 'me', ['a', 'b'])).toBe('a');
  });

  it('shows oneself only when alone', () => {
    expect(featuredParticipant(spoke(null), 'me', [])).toBe('me');
  });
});

describe('SpeakerStore', () => {
  const joins = new Subject<JoinResult>();
  const speakerPushes = new Subject<SpeakersEvent>();
  const join = (speakers: SpeakersEvent): JoinResult =>
    ({ self: participant('me', 'Me'), participants: [participant('a', 'Ann'), participant('b', 'Bo')], speakers }) as unknown as JoinResult;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        SpeakerStore,
        ParticipantsStore,
        { provide: CallSession, useValue: { joins$: joins } },
        { provide: SignalingClient, useValue: { push: () => speakerPushes } },
      ],
    });
  });

  function joined(speakers: SpeakersEvent): SpeakerStore {
    const store = TestBed.inject(SpeakerStore);
    const result = join(speakers);
    TestBed.inject(ParticipantsStore).dispatch({ type: 'snapshot', self: result.self, others: result.participants });
    joins.next(result);
    return store;
  }

  it('features whoever was talking when this person joined, before any push', () => {
    const store = joined(changed('b', ['b']));
    expect(store.featured()).toBe('b');
    expect([...store.speaking()]).toEqual(['b']);
  });

  it('follows the pushes after the join', () => {
    const store = joined(changed(null, []));
    expect(store.featured()).withContext('nobody has talked: the first other person').toBe('a');
    speakerPushes.next(changed('b', ['b']));
    expect(store.featured()).toBe('b');
  });
});
