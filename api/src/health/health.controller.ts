import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { STORE, type Store } from '../store/store';

/** What /readyz answers: each check, and the names of those that failed. */
export interface Readiness {
  readonly status: 'ok' | 'unavailable';
  /** At least one Janus instance is connected: rooms can be created. */
  readonly janus: boolean;
  /** Janus instances (by URL) the gateway is not connected to now, even while others carry the rooms. */
  readonly janusDown: readonly string[];
  readonly store: boolean;
  readonly failed: readonly ('janus' | 'store')[];
}

/** Liveness and readiness for orchestrators and load balancers. */
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(SFU) private readonly sfu: Sfu,
    @Inject(STORE) private readonly store: Store,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Parley can take calls: at least one Janus instance is reachable and the
   * store takes writes. 503 naming the failed checks otherwise. Instances
   * that are down are listed either way (`janusDown`).
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
    const failed = [...(janus ? [] : ['janus' as const]), ...(store ? [] : ['store' as const])];
    return { status: failed.length === 0 ? 'ok' : 'unavailable', janus, janusDown, store, failed };
  }
}
