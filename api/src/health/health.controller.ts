import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';

/** Liveness and readiness for orchestrators and load balancers. */
@Controller()
export class HealthController {
  constructor(@Inject(SFU) private readonly sfu: Sfu) {}

  /** The process is up and serving HTTP. */
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Parley can take calls: Janus is reachable. 503 otherwise. */
  @Get('readyz')
  ready(@Res() response: Response): void {
    const janus = this.sfu.healthy;
    response.status(janus ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: janus ? 'ok' : 'unavailable', janus });
  }
}
