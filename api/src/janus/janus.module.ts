import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { routeJanodeLogs } from './janode-logs';
import type { JanusLogger } from './janus-context';
import { JanusSfu } from './janus-sfu';
import { ReconnectingSfu } from './reconnecting-sfu';
import { roomSecrets } from './room-secret';
import { InMemoryRoomPlacement, type RoomPlacement } from './room-placement';
import { SfuPool } from './sfu-pool';

/** What the gateway needs to reach Janus (from `Config.janus`). */
export interface JanusModuleOptions {
  /** Every Janus instance's WebSocket API (at least one). */
  readonly urls: readonly string[];
  readonly adminKey: string;
  /** Janus's `api_secret`, sent with every request. */
  readonly apiSecret: string;
  /** Whether browsers' private-address ICE candidates reach Janus (ALLOW_PRIVATE_CANDIDATES). */
  readonly allowPrivateCandidates: boolean;
  /** The key Janus room secrets are derived from (the session-signing key; see room-secret.ts). */
  readonly roomSecretKey: Uint8Array;
  /** Where rooms are placed; this gateway's memory when absent (one gateway). */
  readonly placement?: () => RoomPlacement;
}

/**
 * Provides the {@link SFU} port backed by Janus: an SfuPool over one
 * ReconnectingSfu per Janus instance, each reconnecting whenever its Janus
 * is lost. The provider waits for the first connection attempts
 * (JanusSfu.connect retries for a few seconds, for a Janus container that
 * starts after the gateway); if no Janus is there yet the gateway starts
 * anyway, reports itself not ready, and connects as soon as one appears.
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
            routeJanodeLogs(new Logger('Janus'));
            const roomSecret = roomSecrets(options.roomSecretKey);
            const members = options.urls.map((url) => {
              const logger = instanceLogger(url);
              return new ReconnectingSfu(
                {
                  url,
                  adminKey: options.adminKey,
                  apiSecret: options.apiSecret,
                  allowPrivateCandidates: options.allowPrivateCandidates,
                  roomSecret,
                  logger,
                },
                JanusSfu.connect,
                logger,
              );
            });
            await Promise.all(members.map((member) => member.start()));
            const placement = options.placement?.() ?? new InMemoryRoomPlacement();
            return new SfuPool(members, placement, new Logger('Janus'));
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

/** A logger whose lines carry the instance's URL as a `janus` field (the JSON logs), whatever they say. */
function instanceLogger(url: string): JanusLogger {
  const logger = new Logger('Janus');
  return {
    log: (message) => logger.log({ msg: message, janus: url }),
    warn: (message) => logger.warn({ msg: message, janus: url }),
    error: (message) => logger.error({ msg: message, janus: url }),
  };
}
