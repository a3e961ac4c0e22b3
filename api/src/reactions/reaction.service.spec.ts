import { REACTION_BURST, type RoomId } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { RoomsService, type SessionRef } from '../rooms/rooms.service';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { RecordingPusher } from '../rooms/testing/recording-pusher';
import { SqliteStore } from '../store/sqlite-store';
import { ReactionService } from './reaction.service';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('ReactionService', () => {
  let store: SqliteStore;
  let rooms: RoomsService;
  let reactions: ReactionService;
  let pusher: RecordingPusher;
  let ada: SessionRef;
  let bob: SessionRef;
  let eve: SessionRef;

  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    pusher = new RecordingPusher();
    const config = loadConfig({ DATA_DIR: '/nonexistent' });
    rooms = new RoomsService(new FakeSfu(), store, config, pusher, new SessionTokens(new Uint8Array(32).fill(1), 60));
    reactions = new ReactionService(rooms, pusher);
    reactions.onModuleInit();
    ada = (await rooms.join({ room: 'reactions-a' as RoomId, name: 'Ada' }, {})).session;
    bob = (await rooms.join({ room: 'reactions-a' as RoomId, name: 'Bob' }, {})).session;
    eve = (await rooms.join({ room: 'reactions-b' as RoomId, name: 'Eve' }, {})).session;
    await flush();
    pusher.pushes.length = 0;
  });

  afterEach(async () => {
    reactions.onApplicationShutdown();
    await rooms.onApplicationShutdown();
    await store.close();
  });

  const reactionPushes = () => pusher.pushes.filter((p) => p.event === 'reaction');

  it('shows a reaction to the others in the sender’s room only: not the sender, not another room', async () => {
    await reactions.send(ada, '👏');
    expect(reactionPushes()).toEqual([{ to: bob.participantId, event: 'reaction', payload: { participantId: ada.participantId, emoji: '👏' } }]);
    expect(reactionPushes().some((p) => p.to === eve.participantId)).toBeFalse();
  });

  it('refuses past the burst with rate_limited, delivering nothing more', async () => {
    for (let i = 0; i < REACTION_BURST; i++) await reactions.send(ada, '👍');
    await expectAsync(reactions.send(ada, '👍')).toBeRejectedWith(jasmine.objectContaining({ code: 'rate_limited' }));
    expect(reactionPushes().length).toBe(REACTION_BURST);
    // Another participant's allowance is their own.
    await expectAsync(reactions.send(bob, '🎉')).toBeResolved();
  });

  it('refuses someone not in a room, and forgets the allowance of whoever left', async () => {
    await reactions.send(ada, '😮');
    expect(reactions.tracked).toBe(1);
    await rooms.leave(ada, 'left');
    await flush();
    expect(reactions.tracked).withContext('nothing kept for who left').toBe(0);
    await expectAsync(reactions.send(ada, '😮')).toBeRejected();
    expect(reactions.tracked).toBe(0);
  });
});
