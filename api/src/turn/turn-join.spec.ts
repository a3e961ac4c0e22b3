import type { RoomId } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import type { Pusher } from '../rooms/pusher';
import { RoomsService } from '../rooms/rooms.service';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { SqliteStore } from '../store/sqlite-store';
import { TurnCredentials, turnRestCredential } from './turn-credentials';

const SECRET = 'a-turn-secret-for-specs';
const silentPusher: Pusher = { push: () => undefined, pushToRoom: () => undefined, disconnect: () => undefined };
const room = 'turn-room-join' as RoomId;

describe('room.join with TURN configured', () => {
  let store: SqliteStore;
  let rooms: RoomsService;

  beforeEach(() => {
    store = new SqliteStore(':memory:');
    const config = loadConfig({
      DATA_DIR: '/nonexistent',
      ICE_SERVERS: 'stun:stun.example.org:3478',
      TURN_URLS: 'turn:turn.example.org:3478,turn:turn.example.org:3478?transport=tcp',
      TURN_SECRET: SECRET,
      TURN_TTL_SECONDS: '900',
    });
    rooms = new RoomsService(new FakeSfu(), store, config, silentPusher, new SessionTokens(new Uint8Array(32).fill(5), 60), new TurnCredentials(config));
  });

  afterEach(async () => {
    await rooms.onApplicationShutdown();
    await store.close();
  });

  it('hands the joiner the STUN servers, then TURN with credentials of its own that expire after the TTL', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { result } = await rooms.join({ room, name: 'Ada' });
    const [stun, turn, ...rest] = result.iceServers;
    expect(stun).toEqual({ urls: 'stun:stun.example.org:3478' });
    expect(rest).toEqual([]);
    expect(turn?.urls).toEqual(['turn:turn.example.org:3478', 'turn:turn.example.org:3478?transport=tcp']);
    const match = /^(\d+):(.+)$/.exec(turn?.username ?? '');
    expect(match?.[2]).toBe(result.self.id);
    const expiry = Number(match?.[1]);
    expect(expiry).toBeGreaterThanOrEqual(before + 900);
    expect(expiry).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 900);
    expect(turn?.credential).toBe(turnRestCredential(SECRET, result.self.id, expiry).credential);
  });

  it('gives each participant a different username', async () => {
    const ada = await rooms.join({ room, name: 'Ada' });
    const bob = await rooms.join({ room, name: 'Bob' });
    expect(ada.result.iceServers[1]?.username).not.toBe(bob.result.iceServers[1]?.username);
  });
});
