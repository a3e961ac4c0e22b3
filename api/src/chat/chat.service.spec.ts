import type { RoomId } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { RoomsService, type SessionRef } from '../rooms/rooms.service';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { SqliteStore } from '../store/sqlite-store';
import { ChatService } from './chat.service';
import { RecordingPusher } from '../rooms/testing/recording-pusher';


const room = 'chat-room' as RoomId;

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('ChatService', () => {
  let store: SqliteStore;
  let rooms: RoomsService;
  let chat: ChatService;
  let pusher: RecordingPusher;
  let ada: SessionRef;
  let bob: SessionRef;
  let meeting: string;

  async function setup(env: Record<string, string> = {}): Promise<void> {
    store = new SqliteStore(':memory:');
    pusher = new RecordingPusher();
    const config = loadConfig({ DATA_DIR: '/nonexistent', CHAT_BURST: '3', ...env });
    rooms = new RoomsService(new FakeSfu(), store, config, pusher, new SessionTokens(new Uint8Array(32).fill(1), 60));
    chat = new ChatService(rooms, store, pusher, config);
    chat.onModuleInit();
    const first = await rooms.join({ room, name: 'Ada' }, {});
    ada = first.session;
    meeting = first.result.meeting.id;
    bob = (await rooms.join({ room, name: 'Bob' }, {})).session;
    await flush();
    pusher.pushes.length = 0;
  }

  afterEach(async () => {
    chat.onApplicationShutdown();
    await rooms.onApplicationShutdown();
    await store.close();
  });

  it('stores a message and delivers it to the others, not the sender', async () => {
    await setup();
    const message = await chat.send(ada, 'client-0001', 'Hello');
    expect(message).toEqual(jasmine.objectContaining({ kind: 'user', text: 'Hello', senderName: 'Ada' }));
    expect(pusher.chat.map((p) => p.to)).toEqual([bob.participantId]);
  });

  it('delivers a retried clientId once and acks the same message', async () => {
    await setup();
    const first = await chat.send(ada, 'client-0001', 'Hello');
    const retry = await chat.send(ada, 'client-0001', 'Hello');
    expect(retry).toEqual(first);
    expect(pusher.chat.length).toBe(1);
  });

  it('normalises the text before storing it', async () => {
    await setup();
    const message = await chat.send(ada, 'client-0001', '  e\u0301\u0007 ok \r\n ');
    expect(message.text).toBe('\u00e9 ok');
  });

  it('refuses a message over 2000 characters with chat.too_long', async () => {
    await setup();
    await expectAsync(chat.send(ada, 'client-0001', 'x'.repeat(2001))).toBeRejectedWith(
      jasmine.objectContaining({ code: 'chat.too_long' }),
    );
  });

  it('refuses an empty message with chat.empty', async () => {
    await setup();
    await expectAsync(chat.send(ada, 'client-0001', ' \n\t ')).toBeRejectedWith(jasmine.objectContaining({ code: 'chat.empty' }));
  });

  it('rate-limits a participant past the burst', async () => {
    await setup();
    for (let i = 0; i < 3; i += 1) await chat.send(ada, `client-000${i}`, `m${i}`);
    await expectAsync(chat.send(ada, 'client-0009', 'one too many')).toBeRejectedWith(
      jasmine.objectContaining({ code: 'rate_limited' }),
    );
    await expectAsync(chat.send(bob, 'client-0010', 'Bob has his own bucket')).toBeResolved();
  });

  it('writes system lines for joins and leaves', async () => {
    await setup();
    await rooms.leave(bob, 'left');
    await flush();
    const texts = (await store.chatPage(room, meeting, 10)).messages.filter((m) => m.kind === 'system').map((m) => m.text);
    expect(texts).toEqual(['Ada joined', 'Bob joined', 'Bob left']);
  });

  it('writes no system lines when they are turned off', async () => {
    await setup({ CHAT_SYSTEM_MESSAGES: 'false' });
    await rooms.leave(bob, 'left');
    await flush();
    expect((await store.chatPage(room, meeting, 10)).messages).toEqual([]);
  });

  it('gives late joiners the history in the join result', async () => {
    await setup({ CHAT_SYSTEM_MESSAGES: 'false' });
    await chat.send(ada, 'client-0001', 'before you came');
    const cy = await rooms.join({ room, name: 'Cy' }, {});
    expect(cy.result.chat.messages.map((m) => m.text)).toEqual(['before you came']);
  });

  it('purges chat of rooms idle longer than the retention', async () => {
    await setup({ CHAT_RETENTION: '30' });
    await chat.send(ada, 'client-0001', 'old news');
    expect(await chat.purgeExpired(Date.now() + 31 * 24 * 3600 * 1000)).toBeGreaterThan(0);
    expect((await store.chatPage(room, meeting, 10)).messages).toEqual([]);
  });
});
