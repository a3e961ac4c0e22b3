import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { join } from 'node:path';
import { ChatService } from './chat/chat.service';
import { loadSessionKey } from './auth/session-key';
import { SessionTokens } from './auth/session-tokens';
import type { Config } from './config/config';
import { CONFIG } from './config/config.token';
import { HealthController } from './health/health.controller';
import { JanusModule } from './janus/janus.module';
import { LogContextGateway } from './logging/log-context.gateway';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsGateway } from './metrics/metrics.gateway';
import { MetricsService } from './metrics/metrics.service';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { SocketPusher } from './realtime/socket-pusher';
import { HostService } from './rooms/host.service';
import { PUSHER } from './rooms/pusher';
import { RoomsService } from './rooms/rooms.service';
import { SqliteStore } from './store/sqlite-store';
import { STORE, type Store } from './store/store';
import { TurnCredentials } from './turn/turn-credentials';

/** Closes the store after everything that writes to it has shut down. */
class StoreCloser implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: Store) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Parley's gateway, wired from a validated {@link Config}. */
@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    // Signs session tokens and seeds the Janus room secrets (each from a key derived from it).
    const sessionKey = loadSessionKey(config.session.secret, config.dataDir);
    return {
      module: AppModule,
      imports: [JanusModule.forRoot({ ...config.janus, roomSecretKey: sessionKey })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: STORE, useFactory: (): Store => new SqliteStore(join(config.dataDir, 'parley.db')) },
        StoreCloser,
        {
          provide: SessionTokens,
          useFactory: () => new SessionTokens(sessionKey, config.session.ttlSeconds),
        },
        SocketPusher,
        { provide: PUSHER, useExisting: SocketPusher },
        RoomsService,
        ChatService,
        HostService,
        RealtimeGateway,
        TurnCredentials,
        MetricsService,
        MetricsGateway,
        LogContextGateway,
      ],
    };
  }
}
