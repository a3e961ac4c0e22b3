import type { Sfu, SfuInstance, SfuRoom, SfuRoomOptions } from '../rooms/sfu';
import type { JanusLogger } from './janus-context';
import { JanusError } from './janus-error';
import type { JanusSfu, JanusSfuOptions } from './janus-sfu';
import type { SfuPoolMember } from './sfu-pool';

/** How often Janus is pinged, and how long an answer may take. */
export const PING_INTERVAL_MS = 2_000;
export const PING_DEADLINE_MS = 2_000;
/**
 * Missed pings in a row after which Janus is declared lost (a closed socket
 * is noticed at once). A hung Janus is noticed within about 8 s; a reply held
 * up by a starved machine for a ping or two no longer tears down and rebuilds
 * every room's media (seen under the fuzz test on a loaded two-core machine,
 * where the rebuild also met the old rooms still in Janus: "already exists").
 */
export const PINGS_MISSED_BEFORE_LOST = 3;

/**
 * Reconnection delays: quick at first, then every 2 s while Janus stays down
 * (a connection attempt to a local Janus is cheap, and every second of delay
 * is a second of silence in every meeting).
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2_000, 250 * 2 ** attempt);
  // ±20 % jitter so several gateways do not hammer a restarting Janus in step.
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The Sfu the gateway uses: one live JanusSfu at a time, replaced by a new
 * one whenever Janus is lost (socket closed, session gone, or a missed ping),
 * retrying forever with backoff. Listeners hear `false` on loss and `true`
 * once a new connection is up; the rooms domain then rebuilds its rooms.
 * It also starts without Janus (the gateway serves, /readyz says 503, joins
 * fail with `janus.unavailable`) and connects as soon as Janus appears.
 * The gateway runs one per Janus instance, inside an SfuPool.
 */
export class ReconnectingSfu implements Sfu, SfuPoolMember {
  private current: JanusSfu | null = null;
  private readonly listeners = new Set<(up: boolean) => void>();
  private pingTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private missedPings = 0;
  private closed = false;

  constructor(
    private readonly options: JanusSfuOptions,
    private readonly connect: (options: JanusSfuOptions) => Promise<JanusSfu>,
    private readonly logger: JanusLogger,
  ) {}

  /** The Janus URL: how metrics, logs and /readyz name this instance. */
  get name(): string {
    return this.options.url;
  }

  get instances(): readonly SfuInstance[] {
    return [this];
  }

  get roomCount(): number {
    return this.current?.openRooms ?? 0;
  }

  get publishers(): number {
    return this.current?.publishers ?? 0;
  }

  /** Connects once; on failure keeps trying in the background. */
  async start(): Promise<void> {
    try {
      this.adopt(await this.connect(this.options));
    } catch (error) {
      this.logger.error(`Janus is not reachable at ${this.options.url} (${String(error)}); retrying`);
      this.scheduleReconnect(0);
    }
  }

  get healthy(): boolean {
    return this.current?.healthy ?? false;
  }

  createRoom(roomKey: string, options: SfuRoomOptions): Promise<SfuRoom> {
    const sfu = this.current;
    if (sfu === null || !sfu.healthy) return Promise.reject(new JanusError('Janus is unavailable; try again in a moment'));
    return sfu.createRoom(roomKey, options);
  }

  onConnectionChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Never heard: with one Janus, losing it loses every room, which onConnectionChange says. */
  onRoomLost(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.reconnectTimer);
    const sfu = this.current;
    this.current = null;
    await sfu?.close();
    this.listeners.clear();
  }

  private adopt(sfu: JanusSfu): void {
    if (this.closed) {
      void sfu.close();
      return;
    }
    this.current = sfu;
    sfu.onConnectionChange((up) => {
      if (!up) this.lost(sfu);
    });
    clearInterval(this.pingTimer);
    this.missedPings = 0;
    this.pingTimer = setInterval(() => void this.ping(sfu), PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  private async ping(sfu: JanusSfu): Promise<void> {
    const answered = await sfu.ping(PING_DEADLINE_MS);
    if (this.current !== sfu) return;
    this.missedPings = answered ? 0 : this.missedPings + 1;
    if (this.missedPings < PINGS_MISSED_BEFORE_LOST) return;
    this.logger.error(`Janus ${this.options.url} missed ${this.missedPings} pings in a row; reconnecting`);
    this.lost(sfu);
  }

  private lost(sfu: JanusSfu): void {
    if (this.current !== sfu) return;
    this.current = null;
    clearInterval(this.pingTimer);
    void sfu.close();
    this.notify(false);
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.connect({ ...this.options, connectAttempts: 1 })
        .then((sfu) => {
          this.logger.log(`Reconnected to Janus at ${this.options.url} after ${attempt + 1} attempt(s)`);
          this.adopt(sfu);
          if (!this.closed) this.notify(true);
        })
        .catch(() => this.scheduleReconnect(attempt + 1));
    }, reconnectDelayMs(attempt));
    this.reconnectTimer.unref();
  }

  private notify(up: boolean): void {
    for (const listener of this.listeners) {
      try {
        listener(up);
      } catch (error) {
        this.logger.error(`Janus connection listener failed: ${String(error)}`);
      }
    }
  }
}
