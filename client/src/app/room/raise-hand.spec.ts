import { TestBed } from '@angular/core/testing';
import { deferred, settle, type Deferred } from '../../testing/async';
import { participant } from '../../testing/participants';
import type { ParticipantInfo } from '@parley/protocol';
import { SignalingClient } from '../core/signaling/signaling-client';
import { ParticipantsStore } from '../core/call/participants-store';
import { RaiseHand } from './raise-hand';

describe('RaiseHand', () => {
  let replies: Deferred<ParticipantInfo>[];
  let sent: unknown[];
  let hand: RaiseHand;
  let participants: ParticipantsStore;
  const me = participant('me', 'Me');

  beforeEach(() => {
    replies = [];
    sent = [];
    const signaling = {
      request: (event: string, payload: unknown) => {
        sent.push({ event, payload });
        const reply = deferred<ParticipantInfo>();
        replies.push(reply);
        return reply.promise;
      },
    };
    TestBed.configureTestingModule({ providers: [ParticipantsStore, RaiseHand, { provide: SignalingClient, useValue: signaling }] });
    hand = TestBed.inject(RaiseHand);
    participants = TestBed.inject(ParticipantsStore);
    participants.dispatch({ type: 'snapshot', self: me, others: [] });
  });

  it('asks the gateway to raise the hand and shows it raised at once', () => {
    void hand.toggle();
    expect(sent).toEqual([{ event: 'participant.update', payload: { handRaised: true } }]);
    expect(hand.raised()).toBeTrue();
  });

  it('takes the gateway’s answer as the truth', async () => {
    const done = hand.toggle();
    replies[0]?.resolve({ ...me, handRaisedAt: 1234 });
    await done;
    expect(participants.self()?.handRaisedAt).toBe(1234);
    expect(hand.raised()).toBeTrue();
  });

  it('lowers a raised hand', async () => {
    participants.dispatch({ type: 'updated', participant: { ...me, handRaisedAt: 5 } });
    const done = hand.toggle();
    expect(sent.at(-1)).toEqual({ event: 'participant.update', payload: { handRaised: false } });
    replies[0]?.resolve({ ...me, handRaisedAt: null });
    await done;
    expect(hand.raised()).toBeFalse();
  });

  it('flips back when the gateway refuses', async () => {
    const done = hand.toggle();
    replies[0]?.reject(new Error('gone'));
    await done;
    expect(hand.raised()).toBeFalse();
  });

  it('shows the last press while earlier answers are still coming', async () => {
    const first = hand.toggle();
    const second = hand.toggle();
    replies[0]?.resolve({ ...me, handRaisedAt: 9 });
    await first;
    await settle();
    expect(hand.raised()).toBeFalse();
    replies[1]?.resolve({ ...me, handRaisedAt: null });
    await second;
    expect(hand.raised()).toBeFalse();
  });
});
