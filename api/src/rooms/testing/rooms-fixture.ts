import type { RoomId, ValidRequest } from '@parley/protocol';
import { SessionTokens } from '../../auth/session-tokens';
import { loadConfig } from '../../config/config';
import { SqliteStore } from '../../store/sqlite-store';
import { ParticipantService } from '../participant.service';
import { RoomsService } from '../rooms.service';
import { FakeSfu } from './fake-sfu';
import { RecordingPusher } from './recording-pusher';

/** The room the RoomsService and ParticipantService specs meet in. */
export const room = 'abcd-efgh-jkmn' as RoomId;
export const offer = { type: 'offer' as const, sdp: 'v=0 offer' };
export const tracks = [
  { mid: '0', source: 'microphone' as const },
  { mid: '1', source: 'camera' as const },
];

export function joinRequest(name: string, extra: Partial<ValidRequest<'room.join'>> = {}): ValidRequest<'room.join'> {
  return { room, name, ...extra };
}

export async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).withContext('condition reached').toBeTrue();
}

/** Lets setImmediate-scheduled subscriber syncs and their promises run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** The rooms domain of one spec, over fakes. */
export interface RoomsFixture {
  sfu: FakeSfu;
  pusher: RecordingPusher;
  store: SqliteStore;
  rooms: RoomsService;
  participants: ParticipantService;
}

/**
 * A fresh {@link roomsFixture} for every spec of the calling suite, shut down
 * after each; the returned object's fields are the current spec's (a spec
 * may `replace` them with another configuration, or `restart` the gateway:
 * a new rooms domain over the same store, the old one stopped without
 * ending anything, as a crash would leave it).
 */
export function useRoomsFixture(): RoomsFixture & { replace(env: Record<string, string>): Promise<void>; restart(): Promise<void> } {
  const current = {} as RoomsFixture;
  const shutDown = async () => {
    await current.rooms.onApplicationShutdown();
    await current.store.close();
  };
  beforeEach(() => {
    Object.assign(current, roomsFixture());
  });
  afterEach(shutDown);
  return Object.assign(current, {
    async replace(env: Record<string, string>): Promise<void> {
      await shutDown();
      Object.assign(current, roomsFixture(env));
    },
    async restart(): Promise<void> {
      await current.rooms.onApplicationShutdown();
      Object.assign(current, roomsFixture({}, current.store));
    },
  });
}

/**
 * The rooms domain over a fake SFU, an in-memory store (or `store`, to
 * play a gateway restarting over the same data) and a recording pusher:
 * two places a room and 50 ms of grace, unless `env` says otherwise.
 */
export function roomsFixture(env: Record<string, string> = {}, store = new SqliteStore(':memory:')): RoomsFixture {
  const sfu = new FakeSfu();
  const pusher = new RecordingPusher();
  const config = loadConfig({ ROOM_MAX_PARTICIPANTS: '2', DATA_DIR: '/nonexistent', RESUME_GRACE_SECONDS: '0.05', ...env });
  const rooms = new RoomsService(sfu, store, config, pusher, new SessionTokens(new Uint8Array(32).fill(7), 60));
  return { sfu, pusher, store, rooms, participants: new ParticipantService(rooms) };
}
