import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Sdp } from '@parley/protocol';
import type { SfuPublisher, SfuRoom, SfuSubscriber } from '../rooms/sfu';
import { SfuError } from '../rooms/sfu-error';
import { BrowserPeers } from './fixtures/browser-peers';
import { CHROMIUM_OFFER_MIDS, chromiumOffer } from './fixtures/chromium-offer';
import type { JanusLogger } from './janus-context';
import { JanusErrorCode } from './janus-error';
import { JanusSfu } from './janus-sfu';

/*
 * JanusSfu against a real Janus (never a mock): the test orchestrator
 * (scripts/test.mjs) starts one with scripts/lib/janus.mjs and passes
 * JANUS_URL and JANUS_ADMIN_KEY. Without them every spec here fails.
 */
const JANUS_URL = process.env['JANUS_URL'];
const JANUS_ADMIN_KEY = process.env['JANUS_ADMIN_KEY'] ?? 'parley-dev-admin-key';
const CHROMIUM = process.env['CHROME_BIN'] ?? '/usr/bin/chromium';
const MISSING_JANUS =
  'JANUS_URL is not set: these specs need a real Janus. Run them through `npm test`, or start one with ' +
  'scripts/lib/janus.mjs and set JANUS_URL (and JANUS_ADMIN_KEY).';

/** A logger that keeps what it was told, so specs can check what was only logged. */
class MemoryLogger implements JanusLogger {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(`log ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

function connect(logger: JanusLogger, url = JANUS_URL): Promise<JanusSfu> {
  if (url === undefined) throw new Error(MISSING_JANUS);
  return JanusSfu.connect({ url, adminKey: JANUS_ADMIN_KEY, logger, janodeLogLevel: 'none', connectAttempts: 1 });
}

/** The m-lines of an SDP, in order. */
function mLines(sdp: Sdp): Array<{ kind: string; mid: string | undefined; direction: string | undefined; port: string }> {
  return sdp.sdp
    .split(/\r?\n(?=m=)/)
    .slice(1)
    .map((section) => ({
      kind: /^m=(\w+)/.exec(section)?.[1] ?? '',
      port: /^m=\w+ (\d+)/.exec(section)?.[1] ?? '',
      mid: /^a=mid:(\S+)/m.exec(section)?.[1],
      direction: /^a=(sendrecv|sendonly|recvonly|inactive)$/m.exec(section)?.[1],
    }));
}

const roomKey = (): string => `int-${randomUUID()}`;
/** Specs that drive Chromium through ICE and DTLS get more than Jasmine's 5 s. */
const SLOW_MS = 20_000;
const CAMERA_AND_MIC = [
  { mid: CHROMIUM_OFFER_MIDS.microphone, description: 'microphone' },
  { mid: CHROMIUM_OFFER_MIDS.camera, description: 'camera' },
];

describe('JanusSfu against a real Janus', () => {
  let sfu: JanusSfu;
  let logger: MemoryLogger;

  beforeAll(async () => {
    logger = new MemoryLogger();
    sfu = await connect(logger);
  });

  afterAll(async () => {
    await sfu?.close();
  });

  describe('rooms', () => {
    it('creates a room and destroys it', async () => {
      const key = roomKey();
      const room = await sfu.createRoom(key, { maxPublishers: 4 });
      await room.createPublisher('p1', 'Ada');
      expect(sfu.openRooms).toBeGreaterThan(0);

      await room.destroy();

      // Janus really dropped it: the same key is created anew, not adopted.
      const again = await sfu.createRoom(key, { maxPublishers: 4 });
      expect(again).not.toBe(room);
      expect(logger.lines.filter((line) => line.includes(`room ${key} already exists`))).toEqual([]);
      await again.destroy();
    });

    it('returns the same room for the same key, even to concurrent callers', async () => {
      const key = roomKey();
      const [a, b] = await Promise.all([sfu.createRoom(key, { maxPublishers: 2 }), sfu.createRoom(key, { maxPublishers: 2 })]);
      expect(a).toBe(b);
      expect(await sfu.createRoom(key, { maxPublishers: 2 })).toBe(a);
      await a.destroy();
    });

    it('destroying a room twice is harmless', async () => {
      const room = await sfu.createRoom(roomKey(), { maxPublishers: 2 });
      await room.destroy();
      await expectAsync(room.destroy()).toBeResolved();
    });

    it('destroying the room detaches its handles in Janus', async () => {
      const before = sfu.openHandles;
      const room = await sfu.createRoom(roomKey(), { maxPublishers: 4 });
      const publisher = await room.createPublisher('p1', 'Ada');
      await room.createPublisher('p2', 'Grace');
      await room.createSubscriber('p1');
      expect(sfu.openHandles).toBe(before + 3);

      await room.destroy();

      expect(sfu.openHandles).toBe(before);
      await expectAsync(publisher.publish(chromiumOffer(), CAMERA_AND_MIC)).toBeRejectedWithError(SfuError, /closed/);
    });

    it('adopts a room another gateway session already created, and leaves it to its creator', async () => {
      const key = roomKey();
      const otherLogger = new MemoryLogger();
      const other = await connect(otherLogger);
      try {
        const original = await sfu.createRoom(key, { maxPublishers: 4 });
        const adopted = await other.createRoom(key, { maxPublishers: 4 });
        expect(otherLogger.lines.some((line) => line.includes(`room ${key} already exists`))).toBeTrue();

        const joined = await adopted.createPublisher('p9', 'Linus');
        expect(joined.feedId).toBeDefined();
        await adopted.destroy();

        // Still there for its creator, who can destroy it.
        const publisher = await original.createPublisher('p1', 'Ada');
        expect(publisher.feedId).not.toEqual(joined.feedId);
        await original.destroy();
      } finally {
        await other.close();
      }
    });
  });

  describe('publishers', () => {
    let room: SfuRoom;
    let publisher: SfuPublisher;

    beforeEach(async () => {
      room = await sfu.createRoom(roomKey(), { maxPublishers: 4 });
      publisher = await room.createPublisher('p1', 'Ada');
    });

    afterEach(async () => {
      await room.destroy();
    });

    it('answers a Chromium offer with matching m-lines and reports the streams with their descriptions', async () => {
      const { answer, streams } = await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);

      expect(answer.type).toBe('answer');
      expect(mLines(answer)).toEqual([
        { kind: 'audio', mid: '0', direction: 'recvonly', port: jasmine.any(String) },
        { kind: 'video', mid: '1', direction: 'recvonly', port: jasmine.any(String) },
      ]);
      expect(answer.sdp).toContain('a=simulcast:recv q;h;f');
      expect(streams).toEqual([
        { mid: '0', kind: 'audio', description: 'microphone' },
        { mid: '1', kind: 'video', description: 'camera', simulcast: true },
      ]);
    });

    it('answers an H.264-only camera with the constrained baseline profile (42e01f), whatever the offer lists first', async () => {
      const { answer } = await publisher.publish(chromiumOffer({ codec: 'h264' }), CAMERA_AND_MIC);

      const video = answer.sdp.slice(answer.sdp.indexOf('m=video'));
      expect(video).toMatch(/^m=video \d+ \S+ 104\r?$/m);
      expect(video).toContain('profile-level-id=42e01f');
      expect(video).not.toContain('profile-level-id=42001f');
    });

    it('renegotiates in place when the publisher offers again (a screen share is added)', async () => {
      await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);

      const { answer, streams } = await publisher.publish(chromiumOffer({ screen: true, version: 3 }), [
        ...CAMERA_AND_MIC,
        { mid: CHROMIUM_OFFER_MIDS.screen, description: 'screen' },
      ]);

      expect(mLines(answer).map((line) => line.mid)).toEqual(['0', '1', '2']);
      expect(streams.map((stream) => stream.description)).toEqual(['microphone', 'camera', 'screen']);
      // One encoding: Janus has no layers of the screen to choose between.
      expect(streams[2]?.simulcast).toBeUndefined();
    });

    it('drops a screen whose m-line turned inactive, keeps the camera, and takes the same m-line back for the next share', async () => {
      const screen = { mid: CHROMIUM_OFFER_MIDS.screen, description: 'screen' };
      await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);
      await publisher.publish(chromiumOffer({ screen: true, version: 3 }), [...CAMERA_AND_MIC, screen]);

      const stopped = await publisher.publish(chromiumOffer({ screen: 'inactive', version: 4 }), CAMERA_AND_MIC);

      expect(mLines(stopped.answer).map(({ mid, direction }) => ({ mid, direction }))).toEqual([
        { mid: '0', direction: 'recvonly' },
        { mid: '1', direction: 'recvonly' },
        { mid: '2', direction: 'inactive' },
      ]);
      expect(stopped.streams.map((stream) => stream.description)).toEqual(['microphone', 'camera']);

      const again = await publisher.publish(chromiumOffer({ screen: true, version: 5 }), [...CAMERA_AND_MIC, screen]);
      expect(mLines(again.answer)[2]?.direction).toBe('recvonly');
      expect(again.streams.map((stream) => stream.description)).toEqual(['microphone', 'camera', 'screen']);
    });

    it('rejects a bad offer with an SfuError carrying the Janus code, and keeps working', async () => {
      const bad = publisher.publish({ type: 'offer', sdp: 'v=0\r\nthis is not a session description\r\n' }, CAMERA_AND_MIC);

      await expectAsync(bad).toBeRejectedWithError(SfuError);
      const error = await bad.catch((e: unknown) => e);
      expect((error as SfuError).sfuCode).toEqual(jasmine.any(Number));
      const { answer } = await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);
      expect(mLines(answer).length).toBe(2);
    });

    it('rejects an answer where an offer is due, without asking Janus', async () => {
      await expectAsync(publisher.publish({ type: 'answer', sdp: chromiumOffer().sdp }, CAMERA_AND_MIC)).toBeRejectedWith(
        jasmine.objectContaining({ sfuCode: JanusErrorCode.InvalidSdpType }),
      );
    });

    it('publishes again after unpublishing', async () => {
      await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);
      await publisher.unpublish();
      await publisher.unpublish();

      const { streams } = await publisher.publish(chromiumOffer({ version: 5 }), CAMERA_AND_MIC);
      expect(streams.length).toBe(2);
    });

    it('relays trickled candidates and the end of candidates', async () => {
      await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);
      await expectAsync(
        publisher.trickle({ candidate: 'candidate:1 1 udp 2113937151 192.0.2.10 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 }),
      ).toBeResolved();
      await expectAsync(publisher.trickle(null)).toBeResolved();
    });

    it('closing a publisher twice is harmless', async () => {
      const before = sfu.openHandles;
      await publisher.close();
      await publisher.close();
      expect(sfu.openHandles).toBe(before - 1);
    });

    it('refuses a subscriber whose participant has no publisher (Janus requires its private_id)', async () => {
      const subscriber = await room.createSubscriber('nobody');
      await expectAsync(subscriber.update([{ feedId: publisher.feedId }], [])).toBeRejectedWith(
        jasmine.objectContaining({ sfuCode: JanusErrorCode.Unauthorized }),
      );
      await subscriber.close();
    });
  });

  describe('subscribers (the feed is published from a real Chromium)', () => {
    let browser: BrowserPeers;
    let room: SfuRoom;
    let alice: SfuPublisher;
    let subscriber: SfuSubscriber;

    beforeAll(async () => {
      browser = await BrowserPeers.launch(CHROMIUM);
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

describe('JanusSfu when Janus goes away', () => {
  it('reports the loss of the connection and still closes cleanly', async () => {
    if (JANUS_URL === undefined) throw new Error(MISSING_JANUS);
    // A Janus of its own, since this one gets killed.
    const { startJanus } = (await import(join(__dirname, '../../../../scripts/lib/janus.mjs'))) as {
      startJanus: (options: { adminKey: string }) => Promise<{ url: string; stop: () => Promise<void> }>;
    };
    const janus = await startJanus({ adminKey: JANUS_ADMIN_KEY });
    const logger = new MemoryLogger();
    try {
      const sfu = await connect(logger, janus.url);
      const changes: boolean[] = [];
      sfu.onConnectionChange((up) => changes.push(up));
      const room = await sfu.createRoom(roomKey(), { maxPublishers: 2 });
      await room.createPublisher('p1', 'Ada');

      await janus.stop();
      await waitFor(() => changes.length > 0, 5_000);

      expect(changes).toEqual([false]);
      expect(sfu.healthy).toBeFalse();
      await expectAsync(sfu.createRoom(roomKey(), { maxPublishers: 2 })).toBeRejectedWithError(SfuError, /unreachable/);
      await expectAsync(room.destroy()).toBeResolved();
      await expectAsync(sfu.close()).toBeResolved();
    } finally {
      await janus.stop();
    }
  }, 20_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
