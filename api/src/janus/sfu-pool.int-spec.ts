import { chromiumOffer } from './fixtures/chromium-offer';
import { CAMERA_AND_MIC, SPEC_ROOM_SECRETS, quietLogger, realJanus, startJanus, waitFor, type RunningJanus } from './fixtures/real-janus';
import { JanusSfu } from './janus-sfu';
import { ReconnectingSfu } from './reconnecting-sfu';
import { InMemoryRoomPlacement } from './room-placement';
import { SfuPool } from './sfu-pool';

/*
 * An SfuPool over two real Janus instances of its own, running side by side
 * on loopback (their own WebSocket ports, a shared RTP range), one of which
 * gets killed (see fixtures/real-janus.ts).
 */
const { adminKey, apiSecret } = realJanus(process.env);
const options = { maxPublishers: 4 };

describe('SfuPool over two real Janus instances', () => {
  let first: RunningJanus;
  let second: RunningJanus;
  let pool: SfuPool;
  let placement: InMemoryRoomPlacement;

  function member(janus: RunningJanus): ReconnectingSfu {
    return new ReconnectingSfu({ url: janus.url, adminKey, apiSecret, roomSecret: SPEC_ROOM_SECRETS, logger: quietLogger, janodeLogLevel: 'none' }, JanusSfu.connect, quietLogger);
  }

  beforeEach(async () => {
    [first, second] = await Promise.all([startJanus({ adminKey, apiSecret }), startJanus({ adminKey, apiSecret })]);
    const members = [member(first), member(second)];
    await Promise.all(members.map((m) => m.start()));
    placement = new InMemoryRoomPlacement();
    pool = new SfuPool(members, placement, quietLogger);
  }, 40_000);

  afterEach(async () => {
    await pool?.close();
    await Promise.all([first?.stop(), second?.stop()]);
  }, 20_000);

  it('spreads new rooms over both instances, and both carry media sessions', async () => {
    const r1 = await pool.createRoom('pool-r1', options);
    const r2 = await pool.createRoom('pool-r2', options);
    expect(await placement.get('pool-r1')).toBe(first.url);
    expect(await placement.get('pool-r2')).toBe(second.url);
    for (const room of [r1, r2]) {
      const publisher = await room.createPublisher('p1', 'Ada');
      const { streams } = await publisher.publish(chromiumOffer(), CAMERA_AND_MIC);
      expect(streams.length).toBe(2);
    }
    expect(pool.instances.map((instance) => instance.roomCount)).toEqual([1, 1]);
  });

  it('after a kill -9 of one Janus, announces only its rooms, recreates them on the other, and leaves the other rooms working', async () => {
    const lost: string[] = [];
    const changes: boolean[] = [];
    pool.onRoomLost((key) => lost.push(key));
    pool.onConnectionChange((up) => changes.push(up));
    const doomed = await pool.createRoom('pool-doomed', options);
    const survivor = await pool.createRoom('pool-survivor', options);
    await doomed.createPublisher('p1', 'Ada');
    const bob = await survivor.createPublisher('p2', 'Bob');

    process.kill(first.pid, 'SIGKILL');
    const noticedMs = await waitFor(() => lost.length > 0, 10_000);
    const again = await pool.createRoom('pool-doomed', options);
    const ada = await again.createPublisher('p1', 'Ada');
    console.log(`\n    one Janus of two killed: its room announced lost in ${noticedMs} ms, then recreated on the other`);

    expect(lost).toEqual(['pool-doomed']);
    expect(changes).toEqual([]);
    expect(pool.healthy).toBeTrue();
    expect(pool.instances.map((instance) => instance.healthy)).toEqual([false, true]);
    expect(await placement.get('pool-doomed')).toBe(second.url);
    await expectAsync(ada.publish(chromiumOffer(), CAMERA_AND_MIC)).toBeResolved();
    // The survivor's room and handles were never touched.
    expect(await pool.createRoom('pool-survivor', options)).toBe(survivor);
    await expectAsync(bob.publish(chromiumOffer(), CAMERA_AND_MIC)).toBeResolved();
  }, 30_000);

  it('takes new rooms on a killed Janus again once it is back', async () => {
    const busy = await pool.createRoom('pool-busy', options);
    await busy.createPublisher('p1', 'Ada');
    expect(await placement.get('pool-busy')).toBe(first.url);

    process.kill(second.pid, 'SIGKILL');
    await waitFor(() => !(pool.instances[1]?.healthy ?? true), 10_000);
    const port = second.port;
    await second.stop();
    second = await startJanus({ adminKey, apiSecret, port });
    await waitFor(() => pool.instances[1]?.healthy ?? false, 15_000);

    await pool.createRoom('pool-fresh', options);
    expect(await placement.get('pool-fresh')).toBe(second.url);
  }, 40_000);
});
