import { randomBytes } from 'node:crypto';
import { SfuError } from '../rooms/sfu-error';
import { CHROMIUM_OFFER_MIDS, chromiumOffer } from './fixtures/chromium-offer';
import { CAMERA_AND_MIC, MemoryLogger, connect, realJanus, roomKey, startJanus, waitFor } from './fixtures/real-janus';
import { JanusErrorCode } from './janus-error';
import type { JanusSfu } from './janus-sfu';
import { roomSecrets } from './room-secret';

/* JanusSfu's rooms against a real Janus (see fixtures/real-janus.ts). */
const janus = realJanus(process.env);

describe('JanusSfu rooms against a real Janus', () => {
  let sfu: JanusSfu;
  let logger: MemoryLogger;

  beforeAll(async () => {
    logger = new MemoryLogger();
    sfu = await connect(janus, logger);
  });

  afterAll(async () => {
    await sfu?.close();
  });

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

  it('adopts a room another gateway process created, and can still host-mute in it and destroy it', async () => {
    const key = roomKey();
    const otherLogger = new MemoryLogger();
    // The same room-secret key: a second gateway process, or this one restarted.
    const other = await connect(janus, otherLogger);
    try {
      const original = await sfu.createRoom(key, { maxPublishers: 4 });
      const adopted = await other.createRoom(key, { maxPublishers: 4 });
      expect(otherLogger.lines.some((line) => line.includes(`room ${key} already exists`))).toBeTrue();

      const linus = await adopted.createPublisher('p9', 'Linus');
      await linus.publish(chromiumOffer(), CAMERA_AND_MIC);
      await expectAsync(adopted.moderate(linus.feedId, CHROMIUM_OFFER_MIDS.microphone, true)).toBeResolved();
      await expectAsync(adopted.moderate(linus.feedId, CHROMIUM_OFFER_MIDS.microphone, false)).toBeResolved();
      await adopted.destroy();

      // Janus really destroyed it: its creator can no longer join it.
      await expectAsync(original.createPublisher('p1', 'Ada')).toBeRejectedWith(
        jasmine.objectContaining({ sfuCode: JanusErrorCode.NoSuchRoom }),
      );
      expect(otherLogger.lines.filter((line) => line.startsWith('warn') && line.includes('destroy'))).toEqual([]);
      await original.destroy();
    } finally {
      await other.close();
    }
  });

  it('cannot join, moderate or destroy a room adopted under another room-secret key, and leaves it to its creator', async () => {
    const key = roomKey();
    const otherLogger = new MemoryLogger();
    const other = await connect(janus, otherLogger, roomSecrets(randomBytes(32)));
    try {
      const original = await sfu.createRoom(key, { maxPublishers: 4 });
      const ada = await original.createPublisher('p1', 'Ada');
      await ada.publish(chromiumOffer(), CAMERA_AND_MIC);
      const adopted = await other.createRoom(key, { maxPublishers: 4 });

      // Its pin derives from the secret, so the other key does not even get in.
      await expectAsync(adopted.createPublisher('p9', 'Linus')).toBeRejectedWith(
        jasmine.objectContaining({ sfuCode: JanusErrorCode.Unauthorized, message: jasmine.stringMatching(/wrong pin/) }),
      );
      await expectAsync(adopted.moderate(ada.feedId, CHROMIUM_OFFER_MIDS.microphone, true)).toBeRejectedWith(
        jasmine.objectContaining({ sfuCode: JanusErrorCode.Unauthorized }),
      );
      await expectAsync(adopted.destroy()).toBeResolved();
      expect(otherLogger.lines.some((line) => line.startsWith('warn') && line.includes(`destroy room ${key}`))).toBeTrue();

      // Still there for its creator.
      const publisher = await original.createPublisher('p2', 'Grace');
      expect(publisher.feedId).not.toEqual(ada.feedId);
      await original.destroy();
    } finally {
      await other.close();
    }
  });
});

describe('JanusSfu when Janus goes away', () => {
  it('reports the loss of the connection and still closes cleanly', async () => {
    // A Janus of its own, since this one gets killed.
    const own = await startJanus({ adminKey: janus.adminKey, apiSecret: janus.apiSecret });
    const logger = new MemoryLogger();
    try {
      const sfu = await connect({ url: own.url, adminKey: janus.adminKey, apiSecret: janus.apiSecret }, logger);
      const changes: boolean[] = [];
      sfu.onConnectionChange((up) => changes.push(up));
      const room = await sfu.createRoom(roomKey(), { maxPublishers: 2 });
      await room.createPublisher('p1', 'Ada');

      await own.stop();
      await waitFor(() => changes.length > 0, 5_000);

      expect(changes).toEqual([false]);
      expect(sfu.healthy).toBeFalse();
      await expectAsync(sfu.createRoom(roomKey(), { maxPublishers: 2 })).toBeRejectedWithError(SfuError, /unreachable/);
      await expectAsync(room.destroy()).toBeResolved();
      await expectAsync(sfu.close()).toBeResolved();
    } finally {
      await own.stop();
    }
  }, 20_000);
});
