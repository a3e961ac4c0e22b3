import { Module, type DynamicModule, type OnApplicationShutdown, type Provider, Inject, Optional } from '@nestjs/common';
import { join } from 'node:path';
import { ChatService } from './chat/chat.service';
import { ReactionService } from './reactions/reaction.service';
import { RedisCluster } from './cluster/redis-cluster';
import { RedisRoomPlacement } from './cluster/redis-room-placement';
import { loadSessionKey, loadSharedSessionKey } from './auth/session-key';
import { SessionTokens } from './auth/session-tokens';
import type { Config } from './config/config';
import { CONFIG } from './config/config.token';
import { HealthController } from './health/health.controller';
import { JanusModule } from './janus/janus.module';
import { LogContextGateway } from './logging/log-context.gateway';
import { MetricsGateway } from './metrics/metrics.gateway';
import { MetricsServer } from './metrics/metrics-server';
import { MetricsService } from './metrics/metrics.service';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { SocketPusher } from './realtime/socket-pusher';
import { HostService } from './rooms/host.service';
import { ParticipantService } from './rooms/participant.service';
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

/** What several gateways share, prepared before the module is built (see `connectCluster`). */
export interface ClusterSetup {
  readonly redis: RedisConnection;
  /** The session-signing key every gateway uses (SESSION_SECRET, or generated once into Redis). */
  readonly sessionKey: Uint8Array;
}

/**
 * Connects to REDIS_URL and reads the shared session key: done before the
 * module is built because the Janus room secrets are derived from that key
 * (every gateway must derive the same ones to moderate and destroy the rooms
 * they share). Undefined for one gateway on its own.
 */
export async function connectCluster(config: Config): Promise<ClusterSetup | undefined> {
  if (config.redisUrl === null) return undefined;
  const redis = await RedisConnection.connect(config.redisUrl);
  try {
    return { redis, sessionKey: await loadSharedSessionKey(config.session.secret, redis.client) };
  } catch (error) {
    await redis.close();
    throw error;
  }
}

/**
 * Where shared state lives: one SQLite file for a gateway on its own; with
 * REDIS_URL, Redis for the store and the room cluster (several gateways).
 */
function storage(config: Config, cluster: ClusterSetup | undefined): Provider[] {
  if (cluster === undefined) {
    return [{ provide: STORE, useFactory: (): Store => new SqliteStore(join(config.dataDir, 'parley.db')) }];
  }
  return [
    { provide: RedisConnection, useValue: cluster.redis },
    { provide: STORE, useFactory: (redis: RedisConnection): Store => new RedisStore(redis), inject: [RedisConnection] },
    { provide: RedisCluster, useFactory: (redis: RedisConnection) => new RedisCluster(redis), inject: [RedisConnection] },
    { provide: ROOM_CLUSTER, useExisting: RedisCluster },
  ];
}

/** Parley's gateway, wired from a validated {@link Config}. */
@Module({})
export class AppModule {
  /**
   * `cluster` (from {@link connectCluster}) is required with REDIS_URL and
   * absent otherwise.
   */
  static forRoot(config: Config, cluster?: ClusterSetup): DynamicModule {
    if ((config.redisUrl === null) !== (cluster === undefined)) {
      throw new Error('AppModule.forRoot: pass connectCluster(config) exactly when REDIS_URL is set');
    }
    // Signs session tokens and seeds the Janus room secrets (each from a key derived from it).
    const sessionKey = cluster?.sessionKey ?? loadSessionKey(config.session.secret, config.dataDir);
    const redis = cluster?.redis;
    // Every gateway sharing the Redis sends a room's people to the same Janus.
    const placement = redis === undefined ? undefined : () => new RedisRoomPlacement(redis);
    return {
      module: AppModule,
      imports: [JanusModule.forRoot({ ...config.janus, roomSecretKey: sessionKey, ...(placement === undefined ? {} : { placement }) })],
      controllers: [HealthController],
      providers: [
        { provide: CONFIG, useValue: config },
        ...storage(config, cluster),
        StoreCloser,
        { provide: SessionTokens, useFactory: () => new SessionTokens(sessionKey, config.session.ttlSeconds) },
        SocketPusher,
        { provide: PUSHER, useExisting: SocketPusher },
        RoomsService,
        ChatService,
        ReactionService,
        HostService,
        ParticipantService,
        RealtimeGateway,
        TurnCredentials,
        MetricsService,
        MetricsGateway,
        MetricsServer,
        LogContextGateway,
      ],
    };
  }
}
