import { TestBed } from '@angular/core/testing';
import type { ParticipantId, ReactionEvent } from '@parley/protocol';
import { Subject } from 'rxjs';
import { deferred, type Deferred } from '../../../testing/async';
import { participant } from '../../../testing/participants';
import { SignalingClient } from '../signaling/signaling-client';
import { ParticipantsStore } from './participants-store';
import { REACTION_SHOWN_MS, Reactions, reactionAnnouncement } from './reactions';

describe('Reactions', () => {
  let pushes: Subject<ReactionEvent>;
  let sent: unknown[];
  let replies: Deferred<object>[];
  let reactions: Reactions;

  beforeEach(() => {
    jasmine.clock().install();
    pushes = new Subject();
    sent = [];
    replies = [];
    const signaling = {
      push: (name: string) => (name === 'reaction' ? pushes : new Subject()),
      request: (event: string, payload: unknown) => {
        sent.push({ event, payload });
        const reply = deferred<object>();
        replies.push(reply);
        return reply.promise;
      },
    };
    TestBed.configureTestingModule({ providers: [ParticipantsStore, Reactions, { provide: SignalingClient, useValue: signaling }] });
    TestBed.inject(ParticipantsStore).dispatch({ type: 'snapshot', self: participant('me', 'Me'), others: [participant('ada', 'Ada')] });
    reactions = TestBed.inject(Reactions);
  });

  afterEach(() => jasmine.clock().uninstall());

  it('shows someone’s reaction over their tile, announces it by name, and drops it after a while', () => {
    pushes.next({ participantId: 'ada' as ParticipantId, emoji: '👏' });
    expect(reactions.shown().map((r) => `${r.participantId} ${r.emoji}`)).toEqual(['ada 👏']);
    expect(reactions.announcements().map((a) => a.text)).toEqual(['Ada reacted 👏 (applause)']);
    jasmine.clock().tick(REACTION_SHOWN_MS - 1);
    expect(reactions.shown().length).toBe(1);
    jasmine.clock().tick(1);
    expect(reactions.shown()).toEqual([]);
  });

  it('sends one’s own and shows it only once the gateway took it', async () => {
    const sending = reactions.send('🎉');
    expect(sent).toEqual([{ event: 'reaction.send', payload: { emoji: '🎉' } }]);
    expect(reactions.shown()).withContext('not before the ack').toEqual([]);
    replies[0]?.resolve({});
    await sending;
    expect(reactions.shown().map((r) => `${r.participantId} ${r.emoji}`)).toEqual(['me 🎉']);
    expect(reactions.announcements().at(-1)?.text).toBe('You reacted 🎉 (celebration)');
  });

  it('shows nothing when the gateway refuses (too fast)', async () => {
    const sending = reactions.send('👍');
    replies[0]?.reject(new Error('rate_limited'));
    await expectAsync(sending).toBeRejected();
    expect(reactions.shown()).toEqual([]);
  });

  it('keeps several at once, each leaving on its own time', () => {
    pushes.next({ participantId: 'ada' as ParticipantId, emoji: '👍' });
    jasmine.clock().tick(1_000);
    pushes.next({ participantId: 'ada' as ParticipantId, emoji: '😂' });
    expect(reactions.shown().length).toBe(2);
    jasmine.clock().tick(REACTION_SHOWN_MS - 1_000);
    expect(reactions.shown().map((r) => r.emoji)).toEqual(['😂']);
  });

  it('words an announcement with the reaction’s name', () => {
    expect(reactionAnnouncement('Bob', '❤️')).toBe('Bob reacted ❤️ (love)');
  });
});
