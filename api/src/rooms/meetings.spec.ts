import type { ParticipantId, RoomId } from '@parley/protocol';
import { loadConfig } from '../config/config';
import { SqliteStore } from '../store/sqlite-store';
import { MEETING_TOUCH_MS, Meetings } from './meetings';

const room = 'abcd-efgh-jkmn' as RoomId;
const draft = (text: string) => ({ kind: 'user' as const, clientId: text, senderId: 'p-1' as ParticipantId, senderName: 'Eve', text, ts: 1 });

describe('Meetings', () => {
  let store: SqliteStore;

  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });

  afterEach(async () => {
    await store.close();
  });

  const meetingsWith = (env: Record<string, string> = {}) => new Meetings(store, loadConfig({ DATA_DIR: '/nonexistent', RESUME_GRACE_SECONDS: '30', ...env }));

  it('goes on with the meeting of a room reopened within the grace (a gateway restart), and starts a new one after', async () => {
    const meetings = meetingsWith();
    const first = await meetings.open(room, 1_000_000);
    expect(await meetings.current(room, 1_000_000 + 30_000)).toEqual(first);
    expect(await meetings.open(room, 1_000_000 + 30_000)).toEqual(first);
    // Nobody touched the room for a grace and two touches: its gateway is gone.
    const later = 1_000_000 + 30_000 + 30_000 + 2 * MEETING_TOUCH_MS + 1;
    expect(await meetings.current(room, later)).toBeNull();
    const second = await meetings.open(room, later);
    expect(second.id).not.toBe(first.id);
  });

  it('keeps a live room fresh by touching it', async () => {
    const meetings = meetingsWith();
    const first = await meetings.open(room, 1_000_000);
    await meetings.touch([room], 1_000_000 + 50_000);
    expect(await meetings.current(room, 1_000_000 + 100_000)).toEqual(first);
  });

  it('deletes the chat of a meeting when it ends, by default', async () => {
    const meetings = meetingsWith();
    const meeting = await meetings.open(room);
    await store.appendChat(room, meeting.id, draft('quarterly figures'));
    await meetings.end(room, meeting);
    expect((await store.chatPage(room, meeting.id, 10)).messages).toEqual([]);
    expect(await meetings.current(room)).toBeNull();
  });

  it('keeps it for the days CHAT_RETENTION gives, out of the next meeting\'s sight, then purges it', async () => {
    const meetings = meetingsWith({ CHAT_RETENTION: '2' });
    const meeting = await meetings.open(room);
    await store.appendChat(room, meeting.id, draft('quarterly figures'));
    await meetings.end(room, meeting);
    const next = await meetings.open(room);
    expect((await store.chatPage(room, next.id, 10)).messages).toEqual([]);
    expect((await store.chatPage(room, meeting.id, 10)).messages.length).toBe(1);
    await meetings.purge(Date.now() + 3 * 24 * 3600 * 1000);
    expect((await store.chatPage(room, meeting.id, 10)).messages).toEqual([]);
  });

  it('ends a stale meeting it replaces as it would have ended: its chat goes', async () => {
    const meetings = meetingsWith();
    const stale = await meetings.open(room, 1_000);
    await store.appendChat(room, stale.id, draft('left behind by a crash'));
    await meetings.open(room, 10_000_000);
    expect((await store.chatPage(room, stale.id, 10)).messages).toEqual([]);
  });
});
