import { FakeSfu } from '../rooms/testing/fake-sfu';
import { InMemoryRoomPlacement } from './room-placement';
import { SfuPool } from './sfu-pool';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const options = { maxPublishers: 8 };
const J1 = 'ws://janus-1:8188';
const J2 = 'ws://janus-2:8188';
const J3 = 'ws://janus-3:8188';
const NAMES = [J1, J2, J3];

/** One gateway's view: its own connection to each Janus, its own pool, and the rooms it was told are lost. */
function gateway(placement: InMemoryRoomPlacement) {
  const members = NAMES.map((name) => new FakeSfu(name));
  const pool = new SfuPool(members, placement, silent);
  const lost: string[] = [];
  pool.onRoomLost((key) => lost.push(key));
  const at = (name: string): FakeSfu => {
    const member = members.find((candidate) => candidate.name === name);
    if (member === undefined) throw new Error(`no member ${name}`);
    return member;
  };
  const holds = (name: string): boolean => at(name).liveRooms.some((room) => room.key === 'shared');
  return { pool, lost, at, holds, where: () => NAMES.filter(holds) };
}

/**
 * Two gateways serving one room share its placement (in Redis in production;
 * here one in-memory placement, atomic in the same way). When the Janus
 * hosting the room dies, each gateway notices on its own and rebuilds its
 * people's handles: both must land on the same new instance, even when
 * their own loads point them at different ones.
 */
describe('SfuPool across two gateways sharing a placement', () => {
  let placement: InMemoryRoomPlacement;
  let a: ReturnType<typeof gateway>;
  let b: ReturnType<typeof gateway>;

  beforeEach(async () => {
    placement = new InMemoryRoomPlacement();
    a = gateway(placement);
    b = gateway(placement);
    await a.pool.createRoom('shared', options);
    await b.pool.createRoom('shared', options);
    // Gateway B also has a busy meeting of its own on janus-2: alone, B would move the room to janus-3, A to janus-2.
    await placement.assign('busy', J2);
    const busy = await b.pool.createRoom('busy', options);
    await busy.createPublisher('p1', 'Dee');
  });

  afterEach(async () => {
    await a.pool.close();
    await b.pool.close();
  });

  it('places the room on janus-1 for both at first, and the rooms handed out name it', async () => {
    expect(await placement.get('shared')).toBe(J1);
    expect((await a.pool.createRoom('shared', options)).instance).toBe(J1);
    expect((await b.pool.createRoom('busy', options)).instance).toBe(J2);
    expect(a.where()).toEqual([J1]);
    expect(b.where()).toEqual([J1]);
    expect(b.at(J2).publishers).toBe(1);
  });

  it('moves the room once when one gateway notices the loss well before the other: the later one follows', async () => {
    a.at(J1).lose();
    expect(a.lost).toEqual(['shared']);
    await a.pool.createRoom('shared', options);
    b.at(J1).lose();
    expect(b.lost).toEqual(['shared']);
    await b.pool.createRoom('shared', options);

    expect(await placement.get('shared')).toBe(J2);
    expect(a.where()).toEqual([J2]);
    expect(b.where()).withContext('B follows A to janus-2, not janus-3').toEqual([J2]);
  });

  it('moves the room once when both notice at the same moment and rebuild concurrently', async () => {
    a.at(J1).lose();
    b.at(J1).lose();
    await Promise.all([b.pool.createRoom('shared', options), a.pool.createRoom('shared', options)]);

    const placed = await placement.get('shared');
    expect([J2, J3]).toContain(placed ?? '');
    expect(a.where()).toEqual([placed ?? '']);
    expect(b.where()).toEqual([placed ?? '']);
  });

  it('does not let the gateway that notices late move the room back or elsewhere', async () => {
    a.at(J1).lose();
    await a.pool.createRoom('shared', options);
    // B's late release of janus-1 must not undo A's new placement.
    b.at(J1).lose();
    expect(await placement.get('shared')).toBe(J2);
  });
});
