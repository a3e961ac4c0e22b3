import type { Sdp } from '@parley/protocol';
import { SfuError } from '../rooms/sfu-error';
import type { SfuPublisher, SfuRoom, SfuSubscriber } from '../rooms/sfu';
import { BrowserPeers } from './fixtures/browser-peers';
import { CHROMIUM_OFFER_MIDS } from './fixtures/chromium-offer';
import { CAMERA_AND_MIC, MemoryLogger, SLOW_MS, connect, mLines, realJanus, roomKey } from './fixtures/real-janus';
import type { JanusSfu } from './janus-sfu';

/* JanusSfu's subscribers against a real Janus, fed from a real Chromium (see fixtures/). */
const janus = realJanus(process.env);

describe('JanusSfu subscribers against a real Janus', () => {
  let sfu: JanusSfu;

  beforeAll(async () => {
    sfu = await connect(janus, new MemoryLogger());
  });

  afterAll(async () => {
    await sfu?.close();
  });

  describe('subscribers (the feed is published from a real Chromium)', () => {
    let browser: BrowserPeers;
    let room: SfuRoom;
    let alice: SfuPublisher;
    let subscriber: SfuSubscriber;

    beforeAll(async () => {
      browser = await BrowserPeers.launch(janus.chromium);
    }, SLOW_MS);

    afterAll(async () => {
      await browser?.close();
    });

    beforeEach(async () => {
      await browser.reset();
      room = await sfu.createRoom(roomKey(), { maxPublishers: 4 });
      alice = await room.createPublisher('alice', 'Alice');
      // Bob publishes nothing, but his publisher's private_id admits his subscriber.
      await room.createPublisher('bob', 'Bob');
      subscriber = await room.createSubscriber('bob');
    });

    afterEach(async () => {
      await room.destroy();
    });

    /** Alice publishes from Chromium; `whileConnecting` runs before her media is up. */
    async function alicePublishes<T>(whileConnecting: () => Promise<T>): Promise<T> {
      const { answer } = await alice.publish(await browser.publisherOffer(), CAMERA_AND_MIC);
      const pending = whileConnecting();
      await browser.acceptAnswer(answer);
      await browser.publisherConnected(10_000);
      return pending;
    }

    it('a subscription sent right after a publish waits for the media, then offers the feed’s m-lines', async () => {
      const { offer, streams } = await alicePublishes(() => subscriber.update([{ feedId: alice.feedId }], []));

      expect(offer).not.toBeNull();
      expect(mLines(offer as Sdp).map(({ kind, direction }) => ({ kind, direction }))).toEqual([
        { kind: 'audio', direction: 'sendonly' },
        { kind: 'video', direction: 'sendonly' },
      ]);
      expect(streams).toEqual([
        { mid: jasmine.any(String), kind: 'audio', active: true, feedId: alice.feedId, feedMid: '0' },
        { mid: jasmine.any(String), kind: 'video', active: true, feedId: alice.feedId, feedMid: '1' },
      ]);
      expect(streams.map((stream) => stream.mid)).toEqual(mLines(offer as Sdp).map((line) => line.mid as string));
    }, SLOW_MS);

    it('unsubscribing from a stream renegotiates it away', async () => {
      const first = await alicePublishes(() => subscriber.update([{ feedId: alice.feedId }], []));
      await subscriber.start(await browser.answerSubscriberOffer(first.offer as Sdp));

      const { offer, streams } = await subscriber.update([], [{ feedId: alice.feedId, mid: CHROMIUM_OFFER_MIDS.camera }]);

      expect(offer).not.toBeNull();
      const video = streams.find((stream) => stream.kind === 'video');
      expect(video?.active).toBeFalse();
      expect(video?.feedId).toBeUndefined();
      const audio = streams.find((stream) => stream.kind === 'audio');
      expect(audio).toEqual(jasmine.objectContaining({ active: true, feedId: alice.feedId, feedMid: '0' }));
      await expectAsync(subscriber.start(await browser.answerSubscriberOffer(offer as Sdp))).toBeResolved();
    }, SLOW_MS);

    it('unsubscribing from a publisher that left still yields the offer that drops its m-lines', async () => {
      const first = await alicePublishes(() => subscriber.update([{ feedId: alice.feedId }], []));
      await subscriber.start(await browser.answerSubscriberOffer(first.offer as Sdp));
      await alice.close();

      const { offer, streams } = await subscriber.update([], [{ feedId: alice.feedId }]);

      expect(offer).not.toBeNull();
      expect(streams.map((stream) => stream.active)).toEqual([false, false]);
    }, SLOW_MS);

    it('an update that changes nothing resolves with no offer and the current streams', async () => {
      const first = await alicePublishes(() => subscriber.update([{ feedId: alice.feedId }], []));
      await subscriber.start(await browser.answerSubscriberOffer(first.offer as Sdp));

      const { offer, streams } = await subscriber.update([], [{ feedId: 'no-such-feed' }]);

      expect(offer).toBeNull();
      expect(streams).toEqual(first.streams);
    }, SLOW_MS);

    it('an update made before the previous offer is answered waits for that answer', async () => {
      const first = await alicePublishes(() => subscriber.update([{ feedId: alice.feedId, mid: CHROMIUM_OFFER_MIDS.microphone }], []));
      let settled = false;
      const second = subscriber.update([{ feedId: alice.feedId, mid: CHROMIUM_OFFER_MIDS.camera }], []).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBeFalse();

      await subscriber.start(await browser.answerSubscriberOffer(first.offer as Sdp));

      const { offer, streams } = await second;
      expect(offer).not.toBeNull();
      expect(streams.map((stream) => stream.feedMid)).toEqual(['0', '1']);
    }, SLOW_MS);

    it('closing a subscriber with an update waiting for an answer fails that update', async () => {
      await alicePublishes(() => subscriber.update([{ feedId: alice.feedId }], []));
      const waiting = subscriber.update([], [{ feedId: alice.feedId }]);

      await subscriber.close();

      await expectAsync(waiting).toBeRejectedWithError(SfuError, /closed/);
      await expectAsync(subscriber.close()).toBeResolved();
    }, SLOW_MS);
  });
});
