import { Module, type DynamicModule, type OnApplicationShutdown, type Provider, Inject, Optional } from '@nestjs/common';
import { join } from 'node:path';
import { ChatService } from './chat/chat.service';
import { RedisCluster } from './cluster/redis-cluster';
import { loadSessionKey, loadSharedSessionKey } from './auth/session-key';
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
import { ROOM_CLUSTER } from './rooms/cluster';
import { RoomsService } from './rooms/rooms.service';
import { RedisConnection } from './store/redis-connection';
import { RedisStore } from './store/redis-store';
import { SqliteStore } from './store/sqlite-store';
import { STORE, type Store } from './store/store';
import { TurnCredentials } from './turn/turn-credentials';

/** Closes the store (and the Redis connection, when there is one) after everything that writes to it has shut down. */
class StoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(STORE) private readonly store: Store,
    @Optional() private readonly redis?: RedisConnection,
    @Optional() private readonly cluster?: RedisCluster,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cluster?.close();
    await this.store.close();
    await this.redis?.close();
  }
}

/**
 * Where shared state lives: one SQLite file for a gateway on its own; with
 * REDIS_URL, Redis for the store and the room cluster (several gateways).
 */
function storage(config: Config): Provider[] {
  const redisUrl = config.redisUrl;
  if (redisUrl === null) {
    return [{ provide: STORE, useFactory: (): Store => new SqliteStore(join(config.dataDir, 'parley.db')) }];
  }
  return [
    { provide: RedisConnection, useFactory: () => RedisConnection.connect(redisUrl) },
    { provide: STORE, useFactory: (redis: RedisConnection): Store => new RedisStore(redis), inject: [RedisConnection] },
    { provide: RedisCluster, useFactory: (redis: RedisConnection) => new RedisCluster(redis), inject: [RedisConnection] },
    { provide: ROOM_CLUSTER, useExisting: RedisCluster },
  ];
}

/** Session tokens signed with a key every gateway sharing the Redis shares (or this one's, alone). */
function sessionTokens(config: Config): Provider {
  if (config.redisUrl === null) {
    return {
      provide: SessionTokens,
      useFactory: () => new SessionTokens(loadSessionKey(config.session.secret, config.dataDir), config.session.ttlSeconds),
    };
  }
  return {
    provide: SessionTokens,
    useFactory: async (redis: RedisConnection) =>
      new SessionTokens(await loadSharedSessionKey(config.session.secret, redis.client), config.session.ttlSeconds),
    inject: [RedisConnection],
  };
}

/** Parley's gateway, wired from a validated {@link Config}. */
@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      imports: [JanusModule.forRoot(config.janus)],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: config },
        ...storage(config),
        StoreCloser,
        sessionTokens(config),
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
