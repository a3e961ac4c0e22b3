import { RedisConnection } from '../store/redis-connection';
import { startRedis, type TestRedis } from '../store/testing/redis-server';
import { RedisRoomPlacement } from './redis-room-placement';

describe('RedisRoomPlacement (a real redis-server)', () => {
  let redis: TestRedis;
  let a: RedisConnection;
  let b: RedisConnection;

  beforeAll(async () => {
    redis = await startRedis();
    a = await RedisConnection.connect(redis.url);
    b = await RedisConnection.connect(redis.url);
  }, 20_000);

  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.stop();
  });

  it('lets the first gateway to place a room win, and the other follow it', async () => {
    const first = new RedisRoomPlacement(a);
    const second = new RedisRoomPlacement(b);
    const [one, two] = await Promise.all([first.assign('room-1', 'ws://janus-1'), second.assign('room-1', 'ws://janus-2')]);
    expect(one).toBe(two);
    expect(await second.get('room-1')).toBe(one);
    expect(await first.get('room-unknown')).toBeNull();
  });

  it('forgets a placement only while it is still on the instance released', async () => {
    const placement = new RedisRoomPlacement(a);
    await placement.assign('room-2', 'ws://janus-1');
    await placement.release('room-2', 'ws://janus-2');
    expect(await placement.get('room-2')).toBe('ws://janus-1');
    await placement.release('room-2', 'ws://janus-1');
    expect(await placement.get('room-2')).toBeNull();
    expect(await placement.assign('room-2', 'ws://janus-2')).toBe('ws://janus-2');
  });
});
