import { SfuError } from '../rooms/sfu-error';
import type { SfuPublisher, SfuRoom } from '../rooms/sfu';
import { CHROMIUM_OFFER_MIDS, chromiumOffer } from './fixtures/chromium-offer';
import { CAMERA_AND_MIC, MemoryLogger, connect, mLines, realJanus, roomKey } from './fixtures/real-janus';
import { JanusErrorCode } from './janus-error';
import type { JanusSfu } from './janus-sfu';

/* JanusSfu's publishers against a real Janus, with canned Chromium offers (see fixtures/real-janus.ts). */
const janus = realJanus(process.env);

describe('JanusSfu publishers against a real Janus', () => {
  let sfu: JanusSfu;

  beforeAll(async () => {
    sfu = await connect(janus, new MemoryLogger());
  });

  afterAll(async () => {
    await sfu?.close();
  });

  describe('a publisher', () => {
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
});
