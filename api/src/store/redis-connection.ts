import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

/** The node-redis client type Parley uses (RESP2, no modules). */
export type RedisClient = ReturnType<typeof createClient>;

/** How long a health probe waits for Redis before calling it unreachable. */
export const REDIS_PROBE_TIMEOUT_MS = 1_000;

/**
 * One gateway's connection to Redis, shared by the store, the Socket.IO
 * adapter (which duplicates it for its blocking reads) and the room cluster.
 * node-redis reconnects by itself with backoff and queues commands meanwhile;
 * `reachable` says whether it is connected now.
 */
export class RedisConnection {
  private readonly logger = new Logger('Redis');
  /** This gateway's id in the cluster (heartbeats, member ownership, probe keys). */
  readonly instanceId = randomUUID();
  private closed = false;

  private constructor(readonly client: RedisClient) {}

  /** Connects to `url`; rejects when Redis does not answer within `timeoutMs` (a start-up with a wrong URL stops). */
  static async connect(url: string, timeoutMs = 10_000): Promise<RedisConnection> {
    const client = createClient({
      url,
      socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
    });
    const connection = new RedisConnection(client);
    client.on('error', (error: unknown) => connection.onError(error));
    client.on('ready', () => connection.onReady());
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis at ${redactUrl(url)} did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([client.connect(), deadline]);
    } catch (error) {
      client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return connection;
  }

  /** True while the client is connected (false while it reconnects). */
  get reachable(): boolean {
    return this.client.isReady;
  }

  /**
   * Runs a health probe within {@link REDIS_PROBE_TIMEOUT_MS}; rejects when
   * Redis is not connected (commands would wait in the offline queue) or slow.
   */
  async probe(what: string, run: (client: RedisClient) => Promise<unknown>): Promise<void> {
    if (!this.client.isReady) throw new Error('Redis is not connected');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        run(this.client),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${REDIS_PROBE_TIMEOUT_MS} ms`)), REDIS_PROBE_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private lastError = '';

  private onReady(): void {
    this.lastError = '';
    this.logger.log('Connected to Redis');
  }

  /** Logs each distinct error once per outage, not once per reconnection attempt. */
  private onError(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    if (text === this.lastError) return;
    this.lastError = text;
    this.logger.warn(`Redis: ${text}`);
  }

  /** Closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}
