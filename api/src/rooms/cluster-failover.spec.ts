import type { ParticipantId, RoomId, ValidRequest } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { InMemoryRoomPlacement } from '../janus/room-placement';
import { SfuPool } from '../janus/sfu-pool';
import { SqliteStore } from '../store/sqlite-store';
import { RoomsService, type SessionRef } from './rooms.service';
import { ParticipantService } from './participant.service';
import type { SfuStreamRef } from './sfu';
import { FakeSfu, type FakeSubscriber } from './testing/fake-sfu';
import { MemoryClusterHub } from './testing/memory-cluster';
import { RecordingPusher } from './testing/recording-pusher';

const room = 'failover-room' as RoomId;
const offer = { type: 'offer' as const, sdp: 'v=0 offer' };
const tracks = [
  { mid: '0', source: 'microphone' as const },
  { mid: '1', source: 'camera' as const },
];
const join = (name: string): ValidRequest<'room.join'> => ({ room, name });
const J1 = 'ws://janus-1:8188';
const J2 = 'ws://janus-2:8188';
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** One gateway: its own connections to both Janus (a pool over one shared placement), its rooms. */
interface Gateway {
  readonly j1: FakeSfu;
  readonly j2: FakeSfu;
  readonly rooms: RoomsService;
  readonly participants: ParticipantService;
}

/**
 * Two gateways serve one room on two Janus (issue #9). When the Janus hosting
 * the room dies, each gateway notices on its own, moves the room through the
 * shared placement, rebuilds its own people's handles, and asks their
 * clients to publish again; subscribers on each gateway must end up with the
 * others' feeds on the new Janus, whichever gateway noticed first.
 */
describe('Rooms served by two gateways when their Janus dies', () => {
  let hub: MemoryClusterHub;
  let store: SqliteStore;
  let pusher: RecordingPusher;
  let placement: InMemoryRoomPlacement;
  let a: Gateway;
  let b: Gateway;

  function gateway(id: string, firstFeed: number): Gateway {
    const j1 = new FakeSfu(J1);
    const j2 = new FakeSfu(J2);
    // Feed ids unique across the gateways' handles in one Janus room, as Janus makes them.
    j1.nextFeed = firstFeed;
    j2.nextFeed = firstFeed + 100;
    const pool = new SfuPool([j1, j2], placement, silent);
    const tokens = new SessionTokens(new Uint8Array(32).fill(9), 60);
    const config = loadConfig({ DATA_DIR: '/nonexistent', ROOM_MAX_PARTICIPANTS: '4' });
    const rooms = new RoomsService(pool, store, config, pusher, tokens, undefined, hub.gateway(id));
    rooms.onModuleInit();
    return { j1, j2, rooms, participants: new ParticipantService(rooms) };
  }

  const idOf = (joined: { session: SessionRef }): ParticipantId => joined.session.participantId;
  /** Waits (a little, bounded) until `id` was asked to publish again, then for the cluster to settle. */
  async function restarted(id: ParticipantId): Promise<void> {
    for (let i = 0; i < 100 && pusher.to(id, 'media.restart').length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(pusher.to(id, 'media.restart').length).withContext(`${id} asked to publish again`).toBe(1);
    await hub.settle();
  }
  /** Every feed a subscriber on `sfu`'s copy of the room was asked for, in order. */
  const subscribedFeeds = (subscriber: FakeSubscriber | undefined): (number | string)[] =>
    (subscriber?.updates ?? []).flatMap((update) => update.subscribe.map((ref: SfuStreamRef) => ref.feedId));
  const feedOf = (sfu: FakeSfu, index: number): number | undefined => sfu.rooms.get(room)?.publishers[index]?.feedId;

  let ada: Awaited<ReturnType<RoomsService['join']>>;
  let bob: Awaited<ReturnType<RoomsService['join']>>;

  beforeEach(async () => {
    hub = new MemoryClusterHub();
    store = new SqliteStore(':memory:');
    pusher = new RecordingPusher();
    placement = new InMemoryRoomPlacement();
    a = gateway('gateway-a', 1);
    b = gateway('gateway-b', 1000);
    ada = await a.rooms.join(join('Ada'));
    await hub.settle();
    bob = await b.rooms.join(join('Bob'));
    await a.participants.publish(ada.session, offer, tracks);
    await b.participants.publish(bob.session, offer, tracks);
    await hub.settle();
    expect(await placement.get(room)).toBe(J1);
  });

  afterEach(async () => {
    await a.rooms.onApplicationShutdown();
    await b.rooms.onApplicationShutdown();
    await store.close();
  });

  it('moves the room once to the other Janus when both gateways notice together, and each subscribes to the other’s new feed', async () => {
    a.j1.lose();
    b.j1.lose();
    await restarted(idOf(ada));
    await restarted(idOf(bob));
    expect(await placement.get(room)).toBe(J2);
    await a.participants.publish(ada.session, offer, tracks);
    await b.participants.publish(bob.session, offer, tracks);
    await hub.settle();

    const adaFeed = feedOf(a.j2, 0);
    const bobFeed = feedOf(b.j2, 0);
    expect(subscribedFeeds(b.j2.rooms.get(room)?.subscribers[0])).withContext('Bob, on B, takes Ada’s new feed').toContain(adaFeed ?? NaN);
    expect(subscribedFeeds(a.j2.rooms.get(room)?.subscribers[0])).withContext('Ada, on A, takes Bob’s new feed').toContain(bobFeed ?? NaN);
  });

  it('never asks the new Janus for a feed still on the dead one (the other gateway has not moved its people yet)', async () => {
    // B notices first and rebuilds while A still announces Ada's feed on janus-1.
    b.j1.lose();
    await restarted(idOf(bob));
    await b.participants.publish(bob.session, offer, tracks);
    await hub.settle();
    const staleAdaFeed = feedOf(a.j1, 0) ?? NaN;
    expect(staleAdaFeed).toBe(1);
    for (const subscriber of b.j2.rooms.get(room)?.subscribers ?? []) {
      expect(subscribedFeeds(subscriber)).withContext('no stale feed asked of janus-2').not.toContain(staleAdaFeed);
    }

    a.j1.lose();
    await restarted(idOf(ada));
    await a.participants.publish(ada.session, offer, tracks);
    await hub.settle();
    expect(subscribedFeeds(b.j2.rooms.get(room)?.subscribers[0])).withContext('Bob takes Ada’s feed once it is on janus-2').toEqual([
      feedOf(a.j2, 0) ?? NaN,
      feedOf(a.j2, 0) ?? NaN,
    ]);
    expect(subscribedFeeds(a.j2.rooms.get(room)?.subscribers[0])).withContext('Ada takes Bob’s feed on janus-2').toContain(feedOf(b.j2, 0) ?? NaN);
  });

  it('subscribes the people of a gateway that notices late to feeds already republished on the new Janus', async () => {
    // A notices at once, moves the room, and Ada publishes again on janus-2 before B has noticed anything.
    a.j1.lose();
    await restarted(idOf(ada));
    await a.participants.publish(ada.session, offer, tracks);
    await hub.settle();
    expect(await placement.get(room)).toBe(J2);

    b.j1.lose();
    await restarted(idOf(bob));
    const adaFeed = feedOf(a.j2, 0);
    // Nothing else changes in the room: Bob's fresh subscription must still take Ada's feed.
    expect(subscribedFeeds(b.j2.rooms.get(room)?.subscribers[0])).withContext('Bob takes Ada’s feed on janus-2').toEqual([adaFeed ?? NaN, adaFeed ?? NaN]);
    await b.participants.publish(bob.session, offer, tracks);
    await hub.settle();
    expect(subscribedFeeds(a.j2.rooms.get(room)?.subscribers[0])).withContext('Ada takes Bob’s feed on janus-2').toContain(feedOf(b.j2, 0) ?? NaN);
  });
});
