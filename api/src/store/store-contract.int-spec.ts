import type { ParticipantId, RoomId } from '@parley/protocol';
import { RedisConnection } from './redis-connection';
import { RedisStore } from './redis-store';
import type { ChatDraft, Store } from './store';
import { startRedis } from './testing/redis-server';
import { storeBackends } from './testing/store-backends';

/**
 * The Store contract, run against both implementations: the embedded SQLite
 * store (on a file, WAL on) and the Redis one (a real redis-server started on
 * a free port). How appends of one event-loop turn are batched is in
 * store-batching.int-spec.ts.
 */
const backends = storeBackends();

const room = 'abcd-efgh-jkmn' as RoomId;
const meeting = 'm-1';
const ada = 'p-1' as ParticipantId;

function draft(text: string, clientId: string | null = null, senderId: ParticipantId | null = ada): ChatDraft {
  return { kind: senderId === null ? 'system' : 'user', clientId, senderId, senderName: 'Ada', text, ts: 1000 };
}

for (const backend of backends) {
  describe(`${backend.name} (Store contract)`, () => {
    let store: Store;

    beforeAll(async () => {
      await backend.setUp();
    }, 20_000);

    afterAll(async () => {
      await backend.tearDown();
    });

    beforeEach(async () => {
      store = await backend.open();
    });

    afterEach(async () => {
      await store.close();
    });

    it('creates a room record on first touch and keeps its creation time after', async () => {
      await store.touchRoom(room, 1000);
      expect(await store.touchRoom(room, 5000)).toEqual({ id: room, createdAt: 1000, lastActiveAt: 5000, passwordHash: null, meeting: null });
    });

    it('never moves last activity backwards', async () => {
      await store.touchRoom(room, 5000);
      await store.touchRoom(room, 2000);
      expect((await store.getRoom(room))?.lastActiveAt).toBe(5000);
    });

    it('touches many rooms at once: each is created or moved on, never backwards', async () => {
      const other = 'bcde-fghj-kmnp' as RoomId;
      await store.touchRoom(room, 5000);
      await store.touchRooms([room, other], 3000);
      expect(await store.getRoom(room)).toEqual({ id: room, createdAt: 5000, lastActiveAt: 5000, passwordHash: null, meeting: null });
      expect(await store.getRoom(other)).toEqual({ id: other, createdAt: 3000, lastActiveAt: 3000, passwordHash: null, meeting: null });
      await store.touchRooms([room, other], 7000);
      expect((await store.getRoom(other))?.lastActiveAt).toBe(7000);
      expect((await store.getRoom(room))?.lastActiveAt).toBe(7000);
    });

    it('answers undefined for a room it never saw', async () => {
      expect(await store.getRoom('nope' as RoomId)).toBeUndefined();
    });

    it('appends messages with increasing ids and pages backwards, oldest first within a page', async () => {
      for (let i = 1; i <= 5; i += 1) await store.appendChat(room, meeting, draft(`m${i}`, `c-00000${i}`));
      const newest = await store.chatPage(room, meeting, 2);
      expect(newest.messages.map((m) => m.text)).toEqual(['m4', 'm5']);
      expect(newest.hasMore).toBeTrue();
      expect(newest.messages[1]?.id).toBeGreaterThan(newest.messages[0]?.id ?? Infinity);
      const older = await store.chatPage(room, meeting, 2, newest.messages[0]?.id);
      expect(older.messages.map((m) => m.text)).toEqual(['m2', 'm3']);
      const oldest = await store.chatPage(room, meeting, 2, older.messages[0]?.id);
      expect(oldest.messages.map((m) => m.text)).toEqual(['m1']);
      expect(oldest.hasMore).toBeFalse();
    });

    it('keeps every field of a message as given', async () => {
      const { message } = await store.appendChat(room, meeting, { ...draft('héllo "there"', 'c-000001'), ts: 1234 });
      expect(message).toEqual({
        id: message.id,
        kind: 'user',
        clientId: 'c-000001',
        senderId: ada,
        senderName: 'Ada',
        text: 'héllo "there"',
        ts: 1234,
      });
      expect((await store.chatPage(room, meeting, 10)).messages).toEqual([message]);
    });

    it('returns the stored message and stores nothing for a repeated (sender, clientId)', async () => {
      const first = await store.appendChat(room, meeting, draft('hello', 'c-000001'));
      const again = await store.appendChat(room, meeting, { ...draft('hello', 'c-000001'), ts: 2000 });
      expect(again).toEqual({ message: first.message, created: false });
      expect((await store.chatPage(room, meeting, 10)).messages.length).toBe(1);
    });

    it('keeps the same clientId from two senders, and in two rooms, apart', async () => {
      await store.appendChat(room, meeting, draft('from Ada', 'c-000001'));
      expect((await store.appendChat(room, meeting, draft('from Bo', 'c-000001', 'p-2' as ParticipantId))).created).toBeTrue();
      expect((await store.appendChat('other' as RoomId, meeting, draft('elsewhere', 'c-000001'))).created).toBeTrue();
      expect((await store.chatPage(room, meeting, 10)).messages.map((m) => m.text)).toEqual(['from Ada', 'from Bo']);
    });

    it('stores system lines without a clientId side by side', async () => {
      await store.appendChat(room, meeting, draft('Ada joined', null, null));
      await store.appendChat(room, meeting, draft('Ada joined', null, null));
      expect((await store.chatPage(room, meeting, 10)).messages.length).toBe(2);
    });

    it('stores concurrent appends once each, with distinct ids', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.appendChat(room, meeting, draft(`m${i}`, `c-${String(i % 10).padStart(6, '0')}`))),
      );
      expect(results.filter((r) => r.created).length).toBe(10);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(10);
      expect((await store.chatPage(room, meeting, 50)).messages.length).toBe(10);
    });

    it('keeps a room password hash and clears it', async () => {
      await store.touchRoom(room, 1000);
      await store.setRoomPassword(room, '$argon2id$hash');
      expect((await store.getRoom(room))?.passwordHash).toBe('$argon2id$hash');
      await store.setRoomPassword(room, null);
      expect((await store.getRoom(room))?.passwordHash).toBeNull();
    });

    it('refuses to set a password on a room it does not know', async () => {
      await expectAsync(store.setRoomPassword(room, 'x')).toBeRejected();
    });

    it('reports a revoked session until it expires, and a later revocation extends it', async () => {
      const now = Date.now();
      await store.revokeSession(ada, room, now + 60_000);
      await store.revokeSession(ada, room, now + 30_000);
      expect(await store.isRevoked(ada, now)).toBeTrue();
      expect(await store.isRevoked(ada, now + 45_000)).toBeTrue();
      expect(await store.isRevoked(ada, now + 61_000)).toBeFalse();
      expect(await store.isRevoked('p-2' as ParticipantId, now)).toBeFalse();
    });

    it('lets the free attempts through, then paces each next one twice as long, and forgets them when cleared', async () => {
      const policy = { free: 2, baseMs: 1_000, maxMs: 4_000, keepMs: 60_000 };
      const now = Date.now();
      expect(await store.reserveAttempt('k', now, policy)).toBe(0);
      expect(await store.reserveAttempt('k', now, policy)).toBe(0);
      expect(await store.reserveAttempt('k', now + 500, policy)).withContext('second failure: wait 1 s').toBe(500);
      expect(await store.reserveAttempt('k', now + 1_000, policy)).toBe(0);
      expect(await store.reserveAttempt('k', now + 2_000, policy)).withContext('third: wait 2 s').toBe(1_000);
      expect(await store.reserveAttempt('other', now, policy)).withContext('keys are apart').toBe(0);
      await store.clearAttempts('k');
      expect(await store.reserveAttempt('k', now + 1_000, policy)).toBe(0);
    });

    it('purges the rooms (and their chat) inactive since the cutoff and keeps active rooms', async () => {
      const active = 'active-room' as RoomId;
      await store.touchRoom(room, 1_000);
      await store.touchRoom(active, 9_000);
      await store.appendChat(room, meeting, draft('old', 'c-000001'));
      await store.appendChat(active, meeting, draft('new', 'c-000002'));
      expect(await store.purge(Date.now(), 5_000)).toBe(1);
      expect((await store.chatPage(room, meeting, 10)).messages).toEqual([]);
      expect((await store.chatPage(active, meeting, 10)).messages.length).toBe(1);
      expect(await store.getRoom(room)).toBeUndefined();
      expect(await store.getRoom(active)).toBeDefined();
      // A purged room's clientIds are free again.
      expect((await store.appendChat(room, meeting, draft('old', 'c-000001'))).created).toBeTrue();
    });

    it('opens a meeting, goes on with it while the room is fresh, and replaces a stale one along with its password', async () => {
      const first = { id: 'm-a', startedAt: 1_000 };
      expect(await store.openMeeting(room, first, 0)).toEqual({ meeting: first, replaced: null });
      await store.setRoomPassword(room, 'hash');
      // A second opener while the room is fresh (another gateway, or one restarted) joins the same meeting.
      expect(await store.openMeeting(room, { id: 'm-b', startedAt: 2_000 }, 500)).toEqual({ meeting: first, replaced: null });
      expect((await store.getRoom(room))?.passwordHash).toBe('hash');
      // Quiet since before `freshSince`: a gateway stopped without ending it.
      const third = { id: 'm-c', startedAt: 10_000 };
      expect(await store.openMeeting(room, third, 5_000)).toEqual({ meeting: third, replaced: 'm-a' });
      expect(await store.getRoom(room)).toEqual(jasmine.objectContaining({ meeting: third, passwordHash: null, lastActiveAt: 10_000 }));
    });

    it('keeps each meeting of a room to its own chat', async () => {
      await store.appendChat(room, 'm-a', draft('first meeting', 'c-000001'));
      await store.appendChat(room, 'm-b', draft('second meeting', 'c-000002'));
      expect((await store.chatPage(room, 'm-a', 10)).messages.map((m) => m.text)).toEqual(['first meeting']);
      expect((await store.chatPage(room, 'm-b', 10)).messages.map((m) => m.text)).toEqual(['second meeting']);
      expect((await store.chatPage(room, 'm-c', 10)).messages).toEqual([]);
    });

    it('ends a meeting: the room has no meeting nor password after, and its chat is gone', async () => {
      await store.openMeeting(room, { id: 'm-a', startedAt: 1_000 }, 0);
      await store.setRoomPassword(room, 'hash');
      await store.appendChat(room, 'm-a', draft('said', 'c-000001'));
      await store.endMeeting(room, 'm-a', null);
      expect(await store.getRoom(room)).toEqual(jasmine.objectContaining({ meeting: null, passwordHash: null }));
      expect((await store.chatPage(room, 'm-a', 10)).messages).toEqual([]);
      // Twice, or for a meeting that is no longer the room's: nothing changes.
      await store.openMeeting(room, { id: 'm-b', startedAt: 2_000 }, 0);
      await store.endMeeting(room, 'm-a', null);
      expect((await store.getRoom(room))?.meeting?.id).toBe('m-b');
    });

    it('keeps an ended meeting\'s chat until the time given, then lets it go', async () => {
      await store.openMeeting(room, { id: 'm-a', startedAt: 1_000 }, 0);
      await store.appendChat(room, 'm-a', draft('kept a while', 'c-000001'));
      await store.endMeeting(room, 'm-a', Date.now() + 300);
      expect((await store.chatPage(room, 'm-a', 10)).messages.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await store.purge(Date.now(), 0);
      expect((await store.chatPage(room, 'm-a', 10)).messages).toEqual([]);
    });

    it('takes writes when healthy', async () => {
      await expectAsync(store.checkWritable()).toBeResolved();
    });

    it('refuses the writability check once closed, and closes twice', async () => {
      await store.close();
      await expectAsync(store.checkWritable()).toBeRejected();
      await expectAsync(store.close()).toBeResolved();
    });
  });
}

describe('RedisStore with Redis gone', () => {
  it('fails the writability check quickly instead of queueing it', async () => {
    const server = await startRedis();
    const connection = await RedisConnection.connect(server.url);
    const store = new RedisStore(connection);
    await expectAsync(store.checkWritable()).toBeResolved();
    await server.stop();
    const started = Date.now();
    await expectAsync(store.checkWritable()).toBeRejected();
    console.log(`      RedisStore: writability check with Redis stopped failed after ${Date.now() - started} ms`);
    await connection.close();
  }, 20_000);
});
