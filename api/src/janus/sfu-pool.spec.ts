import type { RoomId } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { RoomsService } from '../rooms/rooms.service';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { RecordingPusher } from '../rooms/testing/recording-pusher';
import { SqliteStore } from '../store/sqlite-store';
import { InMemoryRoomPlacement } from './room-placement';
import { SfuPool } from './sfu-pool';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const options = { maxPublishers: 8 };

describe('SfuPool', () => {
  let a: FakeSfu;
  let b: FakeSfu;
  let placement: InMemoryRoomPlacement;
  let pool: SfuPool;

  beforeEach(() => {
    a = new FakeSfu('ws://janus-a:8188');
    b = new FakeSfu('ws://janus-b:8188');
    placement = new InMemoryRoomPlacement();
    pool = new SfuPool([a, b], placement, silent);
  });

  afterEach(async () => {
    await pool.close();
  });

  describe('placement', () => {
    it('puts a new room on the instance with the fewest publishers', async () => {
      const busy = await pool.createRoom('busy', options);
      await busy.createPublisher('p1', 'Ada');
      await busy.createPublisher('p2', 'Bob');
      expect(await placement.get('busy')).toBe(a.name);

      await pool.createRoom('next', options);

      expect(await placement.get('next')).toBe(b.name);
      expect(b.rooms.has('next')).toBeTrue();
    });

    it('breaks a tie in publishers by room count, then by the order instances are listed', async () => {
      await pool.createRoom('r1', options);
      await pool.createRoom('r2', options);
      await pool.createRoom('r3', options);
      expect([...a.rooms.keys()]).toEqual(['r1', 'r3']);
      expect([...b.rooms.keys()]).toEqual(['r2']);
    });

    it('spreads rooms created at the same moment', async () => {
      await Promise.all([pool.createRoom('r1', options), pool.createRoom('r2', options)]);
      expect(a.roomCount).toBe(1);
      expect(b.roomCount).toBe(1);
    });

    it('gives the same room for the same key, to concurrent callers too', async () => {
      const [first, second] = await Promise.all([pool.createRoom('r1', options), pool.createRoom('r1', options)]);
      expect(first).toBe(second);
      expect(await pool.createRoom('r1', options)).toBe(first);
      expect(a.roomCount + b.roomCount).toBe(1);
    });

    it('never places a room on an instance that is down', async () => {
      a.lose();
      await pool.createRoom('r1', options);
      await pool.createRoom('r2', options);
      expect(b.roomCount).toBe(2);
      expect(pool.healthy).toBeTrue();
    });

    it('fails with janus.unavailable when no instance is up', async () => {
      a.lose();
      b.lose();
      expect(pool.healthy).toBeFalse();
      await expectAsync(pool.createRoom('r1', options)).toBeRejectedWith(jasmine.objectContaining({ code: 'janus.unavailable' }));
    });

    it('releases the placement when the room is destroyed, and creates it afresh next time', async () => {
      const room = await pool.createRoom('r1', options);
      await room.destroy();
      expect(await placement.get('r1')).toBeNull();
      const again = await pool.createRoom('r1', options);
      expect(again).not.toBe(room);
    });

    it('keeps the placement of a room released to other gateways, leaving the room in its instance', async () => {
      const room = await pool.createRoom('shared', options);
      await room.release?.();
      expect(await placement.get('shared')).toBe(a.name);
      expect(a.rooms.get('shared')?.released).toBeTrue();
      expect(a.rooms.get('shared')?.destroyed).toBeFalse();
    });

    it('follows a placement another gateway made', async () => {
      await placement.assign('r1', b.name);
      await pool.createRoom('r1', options);
      expect(b.rooms.has('r1')).toBeTrue();
      expect(a.rooms.has('r1')).toBeFalse();
    });

    it('places a room again when its placement points at an instance that is down', async () => {
      b.lose();
      await placement.assign('r1', b.name);
      await pool.createRoom('r1', options);
      expect(await placement.get('r1')).toBe(a.name);
    });

    it('refuses a room placed on an instance it does not know, naming it', async () => {
      await placement.assign('r1', 'ws://elsewhere:8188');
      await expectAsync(pool.createRoom('r1', options)).toBeRejectedWithError(/ws:\/\/elsewhere:8188.*JANUS_URLS/);
    });

    it('refuses to be built with the same instance twice', () => {
      expect(() => new SfuPool([a, new FakeSfu(a.name)], placement, silent)).toThrowError(/listed twice/);
    });
  });

  describe('failover', () => {
    let lost: string[];
    let changes: boolean[];

    beforeEach(() => {
      lost = [];
      changes = [];
      pool.onRoomLost((key) => lost.push(key));
      pool.onConnectionChange((up) => changes.push(up));
    });

    it('announces the rooms of a lost instance one by one, and only those', async () => {
      await pool.createRoom('on-a-1', options);
      const onB = await pool.createRoom('on-b', options);
      await pool.createRoom('on-a-2', options);

      a.lose();

      expect(lost).toEqual(['on-a-1', 'on-a-2']);
      expect(changes).toEqual([]);
      expect(await placement.get('on-a-1')).toBeNull();
      expect(await pool.createRoom('on-b', options)).toBe(onB);
      expect(b.rooms.get('on-b')?.destroyed).toBeFalse();
    });

    it('creates a lost room again on a healthy instance', async () => {
      await pool.createRoom('r1', options);
      a.lose();
      await pool.createRoom('r1', options);
      expect(b.rooms.has('r1')).toBeTrue();
      expect(await placement.get('r1')).toBe(b.name);
    });

    it('a lost room destroyed late does not undo its new placement', async () => {
      const old = await pool.createRoom('r1', options);
      a.lose();
      await pool.createRoom('r1', options);
      await old.destroy();
      expect(await placement.get('r1')).toBe(b.name);
    });

    it('reports the whole SFU down when the last instance goes, and up when one is back', async () => {
      await pool.createRoom('r1', options);
      b.lose();
      expect(lost).toEqual([]);
      a.lose();
      expect(changes).toEqual([false]);
      expect(lost).withContext('all rooms are rebuilt on the way back, not room by room').toEqual([]);
      b.recover();
      expect(changes).toEqual([false, true]);
      a.recover();
      expect(changes).toEqual([false, true]);
      await pool.createRoom('r1', options);
    });

    it('lists every instance with its state', () => {
      a.lose();
      expect(pool.instances.map((instance) => [instance.name, instance.healthy])).toEqual([
        [a.name, false],
        [b.name, true],
      ]);
    });
  });
});

describe('RoomsService over an SfuPool', () => {
  let a: FakeSfu;
  let b: FakeSfu;
  let pool: SfuPool;
  let pusher: RecordingPusher;
  let store: SqliteStore;
  let rooms: RoomsService;

  beforeEach(() => {
    a = new FakeSfu('ws://janus-a:8188');
    b = new FakeSfu('ws://janus-b:8188');
    pool = new SfuPool([a, b], new InMemoryRoomPlacement(), silent);
    pusher = new RecordingPusher();
    store = new SqliteStore(':memory:');
    const config = loadConfig({ DATA_DIR: '/nonexistent' });
    rooms = new RoomsService(pool, store, config, pusher, new SessionTokens(new Uint8Array(32).fill(7), 60));
    rooms.onModuleInit();
  });

  afterEach(async () => {
    await rooms.onApplicationShutdown();
    await pool.close();
    await store.close();
  });

  it('moves the rooms of a lost Janus to the other and asks their clients to publish again, leaving the other rooms alone', async () => {
    const onA = 'aaaa-aaaa-aaaa' as RoomId;
    const onB = 'bbbb-bbbb-bbbb' as RoomId;
    const ada = await rooms.join({ room: onA, name: 'Ada' });
    const bob = await rooms.join({ room: onA, name: 'Bob' });
    const cy = await rooms.join({ room: onB, name: 'Cy' });
    expect(a.rooms.has(onA)).toBeTrue();
    expect(b.rooms.has(onB)).toBeTrue();
    const cyPublisher = b.rooms.get(onB)?.publishers[0];

    a.lose();
    for (let i = 0; i < 100 && pusher.to(bob.session.participantId, 'media.restart').length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    expect(pusher.to(ada.session.participantId, 'media.restart')).toEqual([{}]);
    expect(pusher.to(bob.session.participantId, 'media.restart')).toEqual([{}]);
    expect(b.rooms.get(onA)?.publishers.map((p) => p.participantId)).toEqual([ada.session.participantId, bob.session.participantId]);
    expect(pusher.to(cy.session.participantId, 'media.restart')).toEqual([]);
    expect(cyPublisher?.closed).toBe(0);
    expect(b.rooms.get(onB)?.destroyed).toBeFalse();
  });

  it('fails joins with janus.unavailable while no Janus is up, and rebuilds every room when one is back', async () => {
    const room = 'cccc-cccc-cccc' as RoomId;
    const ada = await rooms.join({ room, name: 'Ada' });
    a.lose();
    b.lose();
    await expectAsync(rooms.join({ room: 'dddd-dddd-dddd' as RoomId, name: 'Bob' })).toBeRejectedWith(
      jasmine.objectContaining({ code: 'janus.unavailable' }),
    );
    b.recover();
    for (let i = 0; i < 100 && pusher.to(ada.session.participantId, 'media.restart').length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(pusher.to(ada.session.participantId, 'media.restart')).toEqual([{}]);
    expect(b.rooms.get(room)?.publishers.length).toBe(1);
  });
});
