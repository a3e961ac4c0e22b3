import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { JanusSfu } from './janus-sfu';

/** What the gateway needs to reach Janus (from `Config.janus`). */
export interface JanusModuleOptions {
  readonly url: string;
  readonly adminKey: string;
}

/**
 * Provides the {@link SFU} port backed by Janus. The provider is async: the
 * application does not start until Janus answered (JanusSfu.connect retries
 * for a few seconds, for a Janus container that starts after the gateway),
 * and fails to start with a `janus.unavailable` error if it never does.
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
          useFactory: (): Promise<Sfu> =>
            JanusSfu.connect({ url: options.url, adminKey: options.adminKey, logger: new Logger('Janus') }),
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
