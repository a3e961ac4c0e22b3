import type { ChatMessage, ParticipantId, RoomId } from '@parley/protocol';
import type { ChatDraft, Store } from './store';
import { storeBackends } from './testing/store-backends';

/**
 * The Store contract for chat appends asked for in one event-loop turn
 * (a socket read that carried several `chat.send`s): both stores write them
 * as one batch (a SQLite transaction; for Redis, the pipeline node-redis
 * writes for one turn). Ids follow the order of the calls, a repeat is still
 * stored once, an append settles only once its batch is written, and a line
 * whose own write fails is refused alone.
 */
const room = 'abcd-efgh-jkmn' as RoomId;
const other = 'pqrs-tuvw-xyza' as RoomId;
const meeting = 'm-1';

function draft(text: string, clientId: string, senderId = 'p-1' as ParticipantId): ChatDraft {
  return { kind: 'user', clientId, senderId, senderName: 'Ada', text, ts: 1000 };
}

/** Settles every promise and tells which were refused, keeping the order. */
async function settled<T>(promises: Promise<T>[]): Promise<Array<{ value?: T; refused: boolean }>> {
  const results = await Promise.allSettled(promises);
  return results.map((r) => (r.status === 'fulfilled' ? { value: r.value, refused: false } : { refused: true }));
}

for (const backend of storeBackends()) {
  describe(`${backend.name} (Store contract: appends in one turn)`, () => {
    let store: Store;
    const opened: Store[] = [];

    beforeAll(async () => {
      await backend.setUp();
    }, 20_000);

    afterAll(async () => {
      await backend.tearDown();
    });

    beforeEach(async () => {
      store = await backend.open();
      opened.push(store);
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('gives the lines of one turn increasing ids in the order they were asked for, and history keeps it', async () => {
      const appends = Array.from({ length: 30 }, (_, i) => store.appendChat(i % 3 === 0 ? other : room, meeting, draft(`m${i}`, `c-${String(i).padStart(6, '0')}`)));
      const ids = (await Promise.all(appends)).map((r) => r.message.id);
      expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? Infinity))).withContext(`ids ${ids.join(',')}`).toBeTrue();
      const expected = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `m${i}`);
      expect((await store.chatPage(room, meeting, 50)).messages.map((m) => m.text)).toEqual(expected);
    });

    it('keeps the order of turns: every line of a later turn has a higher id than those of the turn before', async () => {
      const first = Array.from({ length: 5 }, (_, i) => store.appendChat(room, meeting, draft(`a${i}`, `a-${String(i).padStart(6, '0')}`)));
      await new Promise((resolve) => setImmediate(resolve));
      const second = Array.from({ length: 5 }, (_, i) => store.appendChat(room, meeting, draft(`b${i}`, `b-${String(i).padStart(6, '0')}`)));
      const firstIds = (await Promise.all(first)).map((r) => r.message.id);
      const secondIds = (await Promise.all(second)).map((r) => r.message.id);
      expect(Math.min(...secondIds)).toBeGreaterThan(Math.max(...firstIds));
    });

    it('stores a line repeated within one turn once, and answers the repeat with the stored line', async () => {
      const [first, again] = await Promise.all([
        store.appendChat(room, meeting, draft('hello', 'c-000001')),
        store.appendChat(room, meeting, { ...draft('hello', 'c-000001'), ts: 2000 }),
      ]);
      expect(first?.created).toBeTrue();
      expect(again).toEqual({ message: first?.message as ChatMessage, created: false });
      expect((await store.chatPage(room, meeting, 10)).messages.length).toBe(1);
    });

    it('settles an append only once its line can be read through another connection', async () => {
      const second = await backend.openSecond();
      opened.push(second);
      const seen = new Map<number, string[]>();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.appendChat(room, meeting, draft(`m${i}`, `c-${String(i).padStart(6, '0')}`)).then(async () => {
            seen.set(i, (await second.chatPage(room, meeting, 50)).messages.map((m) => m.text));
          }),
        ),
      );
      expect(seen.size).toBe(10);
      for (const [i, texts] of seen) expect(texts).withContext(`read after ack ${i}`).toContain(`m${i}`);
    });

    it('refuses only the line whose own write fails; the rest of its turn is stored, in order', async () => {
      await backend.poisonChat(other, meeting);
      const results = await settled([
        store.appendChat(room, meeting, draft('before', 'c-000001')),
        store.appendChat(other, meeting, draft('poisoned', 'c-000002')),
        store.appendChat(room, meeting, draft('after', 'c-000003')),
      ]);
      expect(results.map((r) => r.refused)).toEqual([false, true, false]);
      expect(results[2]?.value?.message.id).toBeGreaterThan(results[0]?.value?.message.id ?? Infinity);
      expect((await store.chatPage(room, meeting, 10)).messages.map((m) => m.text)).toEqual(['before', 'after']);
      // The next turn goes on as usual.
      expect((await store.appendChat(room, meeting, draft('later', 'c-000004'))).created).toBeTrue();
    });
  });
}
