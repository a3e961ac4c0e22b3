import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { routeJanodeLogs } from './janode-logs';
import { JanusSfu } from './janus-sfu';
import { ReconnectingSfu } from './reconnecting-sfu';

/** What the gateway needs to reach Janus (from `Config.janus`). */
export interface JanusModuleOptions {
  readonly url: string;
  readonly adminKey: string;
}

/**
 * Provides the {@link SFU} port backed by Janus, reconnecting whenever Janus
 * is lost. The provider waits for the first connection (JanusSfu.connect
 * retries for a few seconds, for a Janus container that starts after the
 * gateway); if Janus is still not there the gateway starts anyway, reports
 * itself not ready, and connects as soon as Janus appears.
 */
@Module({})
export class JanusModule implements OnApplicationShutdown {
  constructor(@Inject(SFU) private readonly sfu: Sfu) {}

  static forRoot(options: JanusModuleOptions): DynamicModule {
    return {
      module: JanusModule,
      providers: [
        {
          provide: SFU,
          useFactory: async (): Promise<Sfu> => {
            const logger = new Logger('Janus');
            routeJanodeLogs(logger);
            const sfu = new ReconnectingSfu({ url: options.url, adminKey: options.adminKey, logger }, JanusSfu.connect, logger);
            await sfu.start();
            return sfu;
          },
        },
      ],
      exports: [SFU],
    };
  }

  /** Runs after every module's onModuleDestroy, so rooms have been left first. */
  async onApplicationShutdown(): Promise<void> {
    await this.sfu.close();
  }
}
