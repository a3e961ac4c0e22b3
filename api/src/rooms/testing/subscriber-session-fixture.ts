import type { RemoteStream, Sdp } from '@parley/protocol';
import type { SfuStreamRef } from '../sfu';
import { streamKey, SubscriberSession } from '../subscriber-session';
import { FakeSubscriber } from './fake-sfu';

/** What the session pushed to its client. */
export interface Pushed {
  seq: number;
  offer: Sdp;
  streams: RemoteStream[];
}

/** A subscriber session on a fake SFU subscriber, with the streams it should receive set by `want`. */
export function subscriberSessionFixture() {

  const desired = new Map<string, SfuStreamRef>();
  const pushed: Pushed[] = [];
  const errors: unknown[] = [];
  const subscriber = new FakeSubscriber('viewer');
  let created = 0;
  const session = new SubscriberSession({
    createSubscriber: async () => {
      created += 1;
      return subscriber;
    },
    desiredStreams: () => desired,
    describe: (streams) =>
      streams.filter((s) => s.active).map((s) => ({ mid: s.mid, participantId: String(s.feedId), kind: 'video', source: 'camera' })),
    publishedVideo: (_feedId, feedMid) =>
      feedMid === 'audio' ? null : feedMid === 'screen' ? { simulcast: false, height: 720 } : { simulcast: true, height: 360 },
    pushOffer: (seq, offer, streams) => pushed.push({ seq, offer, streams }),
    onError: (error) => errors.push(error),
  });
  const want = (feedId: number, mid: string) => desired.set(streamKey({ feedId, mid }), { feedId, mid });
  return { session, subscriber, desired, pushed, errors, want, created: () => created };
}

/** An answer as a client sends it. */
export const answer: Sdp = { type: 'answer', sdp: 'v=0' };
