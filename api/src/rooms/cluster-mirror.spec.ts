import type { ParticipantId, RoomId, ValidRequest } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { SqliteStore } from '../store/sqlite-store';
import { HostService } from './host.service';
import { ParticipantService } from './participant.service';
import { RoomsService, type SessionRef } from './rooms.service';
import { FakeSfu } from './testing/fake-sfu';
import { MemoryClusterHub } from './testing/memory-cluster';
import { RecordingPusher } from './testing/recording-pusher';

const room = 'shared-room' as RoomId;
const offer = { type: 'offer' as const, sdp: 'v=0 offer' };
const tracks = [
  { mid: '0', source: 'microphone' as const },
  { mid: '1', source: 'camera' as const },
];
/** Who gateway `g` has in the room, its own people and the others'. */
const present = async (g: { rooms: RoomsService }, id: RoomId): Promise<ParticipantId[]> =>
  ((await g.rooms.liveRoom(id))?.participants ?? []).map((p) => p.id);
const join = (name: string, extra: Partial<ValidRequest<'room.join'>> = {}): ValidRequest<'room.join'> => ({ room, name, ...extra });

/** One gateway: its own SFU connection and rooms, the shared store, pusher (the adapter reaches every socket) and cluster. */
interface Gateway {
  readonly sfu: FakeSfu;
  readonly rooms: RoomsService;
  readonly participants: ParticipantService;
  readonly host: HostService;
}

describe('Rooms served by two gateways', () => {
  let hub: MemoryClusterHub;
  let store: SqliteStore;
  let pusher: RecordingPusher;
  let a: Gateway;
  let b: Gateway;

  function gateway(id: string, firstFeed: number): Gateway {
    const sfu = new FakeSfu();
    sfu.nextFeed = firstFeed;
    const tokens = new SessionTokens(new Uint8Array(32).fill(9), 60);
    const config = loadConfig({ DATA_DIR: '/nonexistent', ROOM_MAX_PARTICIPANTS: '4' });
    const rooms = new RoomsService(sfu, store, config, pusher, tokens, undefined, hub.gateway(id));
    rooms.onModuleInit();
    return { sfu, rooms, participants: new ParticipantService(rooms), host: new HostService(rooms, store, pusher, tokens) };
  }

  const settle = () => hub.settle();
  const idOf = (joined: { session: SessionRef }): ParticipantId => joined.session.participantId;

  beforeEach(() => {
    hub = new MemoryClusterHub();
    store = new SqliteStore(':memory:');
    pusher = new RecordingPusher();
    a = gateway('gateway-a', 1);
    b = gateway('gateway-b', 1000);
  });

  afterEach(async () => {
    await a.rooms.onApplicationShutdown();
    await b.rooms.onApplicationShutdown();
    await store.close();
  });

  it('shows a joiner on one gateway the people on the other, and tells them once', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await settle();
    expect(bob.result.participants.map((p) => p.name)).toEqual(['Ada']);
    expect(bob.result.self.role).toBe('guest');
    expect(pusher.to(idOf(ada), 'participant.joined')).toEqual([jasmine.objectContaining({ name: 'Bob' })]);
    expect(await present(a, room)).toEqual([idOf(ada), idOf(bob)]);
  });

  it('subscribes a viewer on one gateway to a publisher on the other by feed id', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await a.participants.publish(ada.session, offer, tracks);
    await settle();
    const subscriber = b.sfu.rooms.get(room)?.subscribers[0];
    expect(subscriber?.updates[0]?.subscribe).toEqual([
      { feedId: 1, mid: '0' },
      { feedId: 1, mid: '1' },
    ]);
    const offers = pusher.to(idOf(bob), 'media.offer') as { streams: unknown[] }[];
    expect(offers.at(-1)?.streams).toEqual([
      { mid: '0', participantId: idOf(ada), kind: 'audio', source: 'microphone' },
      { mid: '1', participantId: idOf(ada), kind: 'video', source: 'camera' },
    ]);
  });

  it('tells the other gateway of a feed only once the SFU lets subscribers at it', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    await b.rooms.join(join('Bob'));
    await settle();
    let goLive: (live: boolean) => void = () => undefined;
    const publisher = a.sfu.rooms.get(room)?.publishers[0] as unknown as { whenLive?: () => Promise<boolean> };
    publisher.whenLive = () => new Promise<boolean>((resolve) => (goLive = resolve));
    await a.participants.publish(ada.session, offer, tracks);
    await settle();
    expect(b.sfu.rooms.get(room)?.subscribers ?? []).withContext('no subscription before the feed is up').toEqual([]);
    goLive(true);
    await settle();
    expect(b.sfu.rooms.get(room)?.subscribers[0]?.updates[0]?.subscribe.length).toBe(2);
  });

  it('drops a leaver on the other gateway: one participant.left, and the feed unsubscribed', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await a.participants.publish(ada.session, offer, tracks);
    await settle();
    await b.participants.answer(bob.session, 1, { type: 'answer', sdp: 'v=0' });
    await a.rooms.leave(ada.session, 'left');
    await settle();
    expect(pusher.to(idOf(bob), 'participant.left')).toEqual([{ participantId: idOf(ada), reason: 'left' }]);
    expect(b.sfu.rooms.get(room)?.subscribers[0]?.updates.at(-1)?.unsubscribe.length).toBe(2);
    expect(await present(b, room)).toEqual([idOf(bob)]);
  });

  it('hands the host role to the longest-present participant even when they are on the other gateway', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await settle();
    await a.rooms.leave(ada.session, 'left');
    await settle();
    expect(pusher.to(idOf(bob), 'participant.updated')).toEqual([jasmine.objectContaining({ name: 'Bob', role: 'host' })]);
    expect((await b.rooms.member(bob.session)).participant.role).toBe('host');
  });

  it('carries out a host mute on the target’s own gateway', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await b.participants.publish(bob.session, offer, tracks);
    await settle();
    await a.host.mute(ada.session, idOf(bob));
    await settle();
    expect(b.sfu.rooms.get(room)?.moderated).toEqual([{ feedId: 1000, mid: '0', muted: true }]);
    expect(a.sfu.rooms.get(room)?.moderated).toEqual([]);
    expect(pusher.to(idOf(bob), 'session.muted')).toEqual([{ by: 'Ada' }]);
    expect(pusher.to(idOf(ada), 'participant.updated')).toContain(jasmine.objectContaining({ name: 'Bob', audioMuted: true }));
  });

  it('removes someone on the other gateway: their session ends there, and it stays revoked', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await settle();
    await a.host.remove(ada.session, idOf(bob));
    await settle();
    expect(pusher.to(idOf(bob), 'session.ended')).toEqual([{ reason: 'removed' }]);
    expect(pusher.disconnected).toEqual([idOf(bob)]);
    expect(pusher.to(idOf(ada), 'participant.left')).toEqual([{ participantId: idOf(bob), reason: 'removed' }]);
    expect(await present(a, room)).toEqual([idOf(ada)]);
    await expectAsync(b.rooms.join(join('Bob', { resumeToken: bob.result.token }))).toBeRejectedWith(
      jasmine.objectContaining({ code: 'auth.invalid_token' }),
    );
  });

  it('makes someone on the other gateway a host', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await settle();
    await a.host.promote(ada.session, idOf(bob));
    await settle();
    expect((await b.rooms.member(bob.session)).participant.role).toBe('host');
    expect(pusher.to(idOf(ada), 'participant.updated')).toEqual([jasmine.objectContaining({ name: 'Bob', role: 'host' })]);
  });

  it('refuses newcomers on either gateway once a host locks the room', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    await b.rooms.join(join('Bob'));
    await a.host.settings(ada.session, { locked: true });
    await settle();
    await expectAsync(b.rooms.join(join('Cy'))).toBeRejectedWith(jasmine.objectContaining({ code: 'room.locked' }));
  });

  it('keeps lock and lobby for a gateway that opens the room later', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await a.host.settings(ada.session, { locked: true });
    await settle();
    await expectAsync(b.rooms.join(join('Bob'))).toBeRejectedWith(jasmine.objectContaining({ code: 'room.locked' }));
  });

  it('lets a host on one gateway admit a knock waiting on the other', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await a.host.settings(ada.session, { lobby: true });
    await settle();
    const decisions: { admitted: boolean; admitToken?: string }[] = [];
    await expectAsync(b.rooms.join(join('Cy'), { lobbyDecision: (decision) => decisions.push(decision) })).toBeRejectedWith(
      jasmine.objectContaining({ code: 'lobby.waiting' }),
    );
    const [knock] = pusher.to(idOf(ada), 'lobby.knocking') as { requestId: string; name: string }[];
    expect(knock?.name).toBe('Cy');
    await a.host.admit(ada.session, knock?.requestId ?? '', true);
    await settle();
    expect(decisions).toEqual([{ admitted: true, admitToken: jasmine.any(String) }]);
    expect(pusher.to(idOf(ada), 'lobby.resolved')).toEqual([{ requestId: knock?.requestId ?? '' }]);
    const cy = await b.rooms.join(join('Cy', { admitToken: decisions[0]?.admitToken ?? '' }));
    expect(cy.result.participants.map((p) => p.name)).toEqual(['Ada']);
    // The admission is spent on every gateway.
    await expectAsync(a.rooms.join(join('Cy again', { admitToken: decisions[0]?.admitToken ?? '' }))).toBeRejectedWith(
      jasmine.objectContaining({ code: 'auth.invalid_token' }),
    );
  });

  it('shows a host made on one gateway the knocks waiting on the other', async () => {
    const ada = await a.rooms.join(join('Ada'));
    const dan = await a.rooms.join(join('Dan'));
    await a.host.settings(ada.session, { lobby: true });
    await settle();
    await expectAsync(b.rooms.join(join('Cy'))).toBeRejectedWith(jasmine.objectContaining({ code: 'lobby.waiting' }));
    expect(pusher.to(idOf(dan), 'lobby.knocking')).toEqual([]);
    await a.host.promote(ada.session, idOf(dan));
    await settle();
    expect(pusher.to(idOf(dan), 'lobby.knocking')).toEqual([{ requestId: jasmine.any(String), name: 'Cy' }]);
  });

  it('drops the people of a gateway whose heartbeat stopped, telling each gateway’s own people', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await settle();
    hub.live.delete('gateway-b');
    await a.rooms.mirror.sweepDeadGateways();
    expect(pusher.to(idOf(ada), 'participant.left')).toEqual([{ participantId: idOf(bob), reason: 'disconnected' }]);
    expect(await present(a, room)).toEqual([idOf(ada)]);
    expect(hub.members.get(room)?.has(idOf(bob))).toBeFalse();
  });

  it('records a dead gateway’s participant leaving once, on one surviving gateway', async () => {
    const c = gateway('gateway-c', 2000);
    try {
      await a.rooms.join(join('Ada'));
      await settle();
      await b.rooms.join(join('Bob'));
      await settle();
      await c.rooms.join(join('Cy'));
      await settle();
      const dropped: string[] = [];
      for (const g of [a, b]) g.rooms.events.subscribe((event) => event.type === 'dropped' && dropped.push(event.name));
      hub.live.delete('gateway-c');
      await Promise.all([a.rooms.mirror.sweepDeadGateways(), b.rooms.mirror.sweepDeadGateways()]);
      expect(dropped).toEqual(['Cy']);
    } finally {
      await c.rooms.onApplicationShutdown();
    }
  });

  it('lets someone resume on the other gateway: same identity, no leave for the others, the old gateway lets go', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await a.rooms.join(join('Bob'));
    await settle();
    const resumed = await b.rooms.join(join('Bob', { resumeToken: bob.result.token }));
    await settle();
    expect(idOf(resumed)).toBe(idOf(bob));
    expect(resumed.result.participants.map((p) => p.name)).toEqual(['Ada']);
    expect(pusher.to(idOf(bob), 'session.ended')).toEqual([{ reason: 'replaced' }]);
    expect(pusher.to(idOf(ada), 'participant.left')).toEqual([]);
    expect(a.sfu.rooms.get(room)?.publishers[1]?.closed).toBe(1);
    await expectAsync(a.rooms.member(bob.session)).toBeRejectedWith(jasmine.objectContaining({ code: 'session.not_joined' }));
    await expectAsync(b.rooms.member(bob.session)).toBeResolved();
    expect(await present(a, room)).toEqual([idOf(ada), idOf(bob)]);
  });

  it('leaves the SFU room in place when it shuts down while the other gateway still serves the room', async () => {
    await a.rooms.join(join('Ada'));
    await settle();
    await b.rooms.join(join('Bob'));
    await settle();
    await a.rooms.onApplicationShutdown();
    expect(a.sfu.rooms.get(room)?.destroyed).toBeFalse();
    expect(a.sfu.rooms.get(room)?.released).toBeTrue();
    expect(a.sfu.rooms.get(room)?.publishers[0]?.closed).toBe(1);
  });

  it('relays a talker once, from the talker’s own gateway', async () => {
    const ada = await a.rooms.join(join('Ada'));
    await settle();
    const bob = await b.rooms.join(join('Bob'));
    await settle();
    // Both gateways hear Janus's talking event for Ada's feed.
    a.sfu.rooms.get(room)?.emitTalking(1, true);
    b.sfu.rooms.get(room)?.emitTalking(1, true);
    const changes = pusher.to(idOf(bob), 'speaker.changed');
    expect(changes).toEqual([{ activeSpeaker: idOf(ada), speaking: [idOf(ada)] }]);
  });
});
