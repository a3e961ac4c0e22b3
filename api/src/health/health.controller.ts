import { Controller, Get, HttpStatus, Inject, Logger, Optional, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { RedisConnection } from '../store/redis-connection';
import { STORE, type Store } from '../store/store';

type Check = 'janus' | 'store' | 'redis';

/** What /readyz answers: each check, and the names of those that failed. `redis` only when REDIS_URL is set. */
export interface Readiness {
  readonly status: 'ok' | 'unavailable';
  /** At least one Janus instance is connected: rooms can be created. */
  readonly janus: boolean;
  /** Janus instances (by URL) the gateway is not connected to now, even while others carry the rooms. */
  readonly janusDown: readonly string[];
  readonly store: boolean;
  readonly redis?: boolean;
  readonly failed: readonly Check[];
}

/** Liveness and readiness for orchestrators and load balancers. */
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(SFU) private readonly sfu: Sfu,
    @Inject(STORE) private readonly store: Store,
    /** Present with REDIS_URL: the store, the Socket.IO adapter and the room cluster all need it. */
    @Optional() private readonly redis?: RedisConnection,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Parley can take calls: at least one Janus instance is reachable, the
   * store takes writes and, with several gateways, Redis answers. 503 naming
   * the failed checks otherwise. Instances that are down are listed either
   * way (`janusDown`).
   */
  @Get('readyz')
  async ready(@Res() response: Response): Promise<void> {
    const readiness = await this.readiness();
    response.status(readiness.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(readiness);
  }

  async readiness(): Promise<Readiness> {
    const janus = this.sfu.healthy;
    const janusDown = this.sfu.instances.filter((instance) => !instance.healthy).map((instance) => instance.name);
    const store = await this.store.checkWritable().then(
      () => true,
      (error: unknown) => {
        this.logger.warn(`The store does not take writes: ${String(error)}`);
        return false;
      },
    );
    const redis =
      this.redis === undefined
        ? undefined
        : await this.redis.probe('a PING', (client) => client.ping()).then(
            () => true,
            (error: unknown) => {
              this.logger.warn(`Redis is unreachable: ${String(error)}`);
              return false;
            },
          );
    const failed: Check[] = [...(janus ? [] : ['janus' as const]), ...(store ? [] : ['store' as const]), ...(redis === false ? ['redis' as const] : [])];
    const status = failed.length === 0 ? 'ok' : 'unavailable';
    return redis === undefined ? { status, janus, janusDown, store, failed } : { status, janus, janusDown, store, redis, failed };
  }
}
