import Janode from 'janode';
import VideoRoomPlugin from 'janode/plugins/videoroom';
import { JanusError } from './janus-error';
import { JanusSfu } from './janus-sfu';
import { SPEC_ROOM_SECRETS, connect, quietLogger, realJanus, roomKey } from './fixtures/real-janus';
import { roomPin } from './room-secret';

/*
 * What keeps other Janus API clients out, against the real Janus of the run
 * (started with a fresh api_secret by scripts/test.mjs): the api_secret on
 * every request, and each room's pin on every join.
 */
const janus = realJanus(process.env);

/** Janus's VideoRoom "unauthorized" error (JANUS_VIDEOROOM_ERROR_UNAUTHORIZED). */
const VIDEOROOM_UNAUTHORIZED = 433;

describe('Janus refuses clients that lack the secrets', () => {
  for (const [label, apiSecret] of [
    ['without the api_secret', undefined],
    ['with a wrong api_secret', 'not-the-api-secret'],
  ] as const) {
    it(`refuses a janode session ${label}`, async () => {
      const attempt = JanusSfu.connect({
        url: janus.url,
        adminKey: janus.adminKey,
        ...(apiSecret === undefined ? {} : { apiSecret }),
        roomSecret: SPEC_ROOM_SECRETS,
        logger: quietLogger,
        janodeLogLevel: 'none',
        connectAttempts: 1,
      });
      await expectAsync(attempt).toBeRejectedWithError(JanusError, /403 Unauthorized request \(wrong or missing secret\/token\)/);
    });
  }

  it('opens a session with the api_secret', async () => {
    const sfu = await connect(janus, quietLogger);
    try {
      expect(sfu.healthy).toBeTrue();
    } finally {
      await sfu.close();
    }
  });

  describe('a room’s pin', () => {
    let sfu: JanusSfu;
    let outsider: Awaited<ReturnType<typeof Janode.connect>>;

    beforeAll(async () => {
      sfu = await connect(janus, quietLogger);
      // Another client of the Janus API that knows the api_secret, but not the room's pin.
      outsider = await Janode.connect({ address: { url: janus.url, apisecret: janus.apiSecret }, max_retries: 0 });
    });

    afterAll(async () => {
      await outsider?.close();
      await sfu?.close();
    });

    it('is asked of every join: a subscriber with a wrong or no pin is refused, the room’s own gets past it', async () => {
      const key = roomKey();
      const room = await sfu.createRoom(key, { maxPublishers: 4 });
      const publisher = await room.createPublisher('p1', 'Ada');
      const session = await outsider.create();
      try {
        const handle = await session.attach(VideoRoomPlugin);
        const streams = [{ feed: publisher.feedId }];
        const refusal = (joining: Promise<unknown>): Promise<JanusError | null> =>
          joining.then(
            () => null,
            (reason: unknown) => JanusError.from(reason, 'join'),
          );
        const wrong = await refusal(handle.joinSubscriber({ room: key, streams, pin: 'wrong-pin' }));
        expect(wrong?.sfuCode).toBe(VIDEOROOM_UNAUTHORIZED);
        expect(wrong?.message).toContain('wrong pin');
        const none = await refusal(handle.joinSubscriber({ room: key, streams }));
        expect(none?.message).toMatch(/\bpin\b/);
        // With the room's pin Janus gets past that check, to the next one: the feed publishes nothing yet.
        const right = await refusal(handle.joinSubscriber({ room: key, streams, pin: roomPin(SPEC_ROOM_SECRETS(key)) }));
        expect(right?.message).toContain('No such feed');
        expect(right?.message).not.toMatch(/\bpin\b/);
        // A publisher with a wrong pin is refused too.
        const other = await session.attach(VideoRoomPlugin);
        const publisherRefusal = await refusal(other.joinPublisher({ room: key, display: 'Mallory', pin: 'wrong-pin' }));
        expect(publisherRefusal?.sfuCode).toBe(VIDEOROOM_UNAUTHORIZED);
        expect(publisherRefusal?.message).toContain('wrong pin');
      } finally {
        await session.destroy().catch(() => undefined);
        await room.destroy();
      }
    });
  });
});
