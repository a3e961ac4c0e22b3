import type { JanusSfu, JanusSfuOptions } from './janus-sfu';
import { PING_INTERVAL_MS, PINGS_MISSED_BEFORE_LOST, ReconnectingSfu, reconnectDelayMs } from './reconnecting-sfu';

/** Just enough of a JanusSfu for the reconnection logic. */
class StubJanus {
  healthy = true;
  openRooms = 2;
  publishers = 5;
  /** Whether pings get an answer (a hung or starved Janus does not answer). */
  answers = true;
  closed = 0;
  private listener: ((up: boolean) => void) | null = null;
  onConnectionChange(listener: (up: boolean) => void): () => void {
    this.listener = listener;
    return () => undefined;
  }
  async ping(): Promise<boolean> {
    return this.healthy && this.answers;
  }
  async createRoom(): Promise<string> {
    return 'room';
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
  die(): void {
    this.healthy = false;
    this.listener?.(false);
  }
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const options: JanusSfuOptions = { url: 'ws://127.0.0.1:1', adminKey: 'k', roomSecret: (key) => `secret-of-${key}` };

function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('ReconnectingSfu', () => {
  it('backs off from a quarter second to at most two seconds, with jitter', () => {
    expect(reconnectDelayMs(0, () => 0.5)).toBe(250);
    expect(reconnectDelayMs(2, () => 0.5)).toBe(1_000);
    expect(reconnectDelayMs(20, () => 0.5)).toBe(2_000);
    expect(reconnectDelayMs(20, () => 0)).toBe(1_600);
    expect(reconnectDelayMs(20, () => 1)).toBe(2_400);
  });

  it('reports the loss, reconnects with a new instance, and reports it back', async () => {
    const instances: StubJanus[] = [];
    const sfu = new ReconnectingSfu(
      options,
      async () => {
        const stub = new StubJanus();
        instances.push(stub);
        return stub as unknown as JanusSfu;
      },
      silent,
    );
    await sfu.start();
    const changes: boolean[] = [];
    sfu.onConnectionChange((up) => changes.push(up));
    instances[0]?.die();
    expect(sfu.healthy).toBeFalse();
    await waitUntil(() => changes.length === 2);
    expect(changes).toEqual([false, true]);
    expect(instances.length).toBe(2);
    expect(instances[0]?.closed).toBe(1);
    expect(sfu.healthy).toBeTrue();
    await sfu.close();
  }, 15_000);

  it('stands for one pool member named by its URL, with the load of its live connection (none while down)', async () => {
    let stub: StubJanus | undefined;
    const sfu = new ReconnectingSfu(
      options,
      async () => {
        stub = new StubJanus();
        return stub as unknown as JanusSfu;
      },
      silent,
    );
    await sfu.start();
    expect(sfu.name).toBe(options.url);
    expect(sfu.instances).toEqual([sfu]);
    expect([sfu.roomCount, sfu.publishers]).toEqual([2, 5]);
    stub?.die();
    expect([sfu.roomCount, sfu.publishers]).toEqual([0, 0]);
    await sfu.close();
  });

  it('takes a missed ping or two in its stride, and reconnects after several in a row', async () => {
    const instances: StubJanus[] = [];
    const sfu = new ReconnectingSfu(
      options,
      async () => {
        const stub = new StubJanus();
        instances.push(stub);
        return stub as unknown as JanusSfu;
      },
      silent,
    );
    await sfu.start();
    const changes: boolean[] = [];
    sfu.onConnectionChange((up) => changes.push(up));
    const first = instances[0] as StubJanus;
    first.answers = false;
    // Two pings go unanswered: no verdict yet.
    await new Promise((resolve) => setTimeout(resolve, (PINGS_MISSED_BEFORE_LOST - 1) * PING_INTERVAL_MS + PING_INTERVAL_MS / 4));
    expect(changes).toEqual([]);
    expect(sfu.healthy).toBeTrue();
    // The next one decides: lost, then a new connection.
    await waitUntil(() => changes.length === 2, 2 * PING_INTERVAL_MS);
    expect(changes).toEqual([false, true]);
    expect(first.closed).toBe(1);
    await sfu.close();
  }, 15_000);

  it('starts without Janus and connects when it appears', async () => {
    let attempts = 0;
    const sfu = new ReconnectingSfu(
      options,
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('ECONNREFUSED');
        return new StubJanus() as unknown as JanusSfu;
      },
      silent,
    );
    await sfu.start();
    expect(sfu.healthy).toBeFalse();
    await expectAsync(sfu.createRoom('r', { maxPublishers: 8 })).toBeRejectedWith(
      jasmine.objectContaining({ code: 'janus.unavailable' }),
    );
    await waitUntil(() => sfu.healthy);
    expect(attempts).toBe(3);
    await sfu.close();
  }, 15_000);
});
