import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import type { Config } from '../config/config';
import type { RedisConnection } from '../store/redis-connection';

/**
 * Decides whether a browser on `origin` may open a socket. WebSocket upgrades
 * are not covered by CORS, so without this any site could drive a visitor's
 * session (cross-site WebSocket hijacking). Non-browser clients send no Origin.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.length > 0) return allowed.includes(origin);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Socket.IO server options from Parley's config and, with several gateways
 * (`redis`), the Redis Streams adapter: broadcasts and server-to-server
 * messages go through one Redis stream that every gateway reads from its own
 * last offset. Unlike the pub/sub Redis adapter, a gateway whose link to Redis
 * blips reads on where it stopped instead of silently losing what was sent
 * meanwhile, which is what Parley's recovery relies on: clients resume their
 * session and state, they do not ask for missed pushes again.
 */
export class ParleyIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: Config,
    private readonly redis?: RedisConnection,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    const server = this.createParleyServer(port, options) as Server;
    if (this.redis !== undefined) server.adapter(createAdapter(this.redis.client, { streamName: 'parley:socket.io' }));
    return server;
  }

  private createParleyServer(port: number, options?: ServerOptions): unknown {
    const allowed = this.config.allowedOrigins;
    return super.createIOServer(port, {
      ...options,
      // SDP offers with simulcast run to ~10 kB; nothing legitimate comes near 64 KiB.
      maxHttpBufferSize: 64 * 1024,
      cors: allowed.length > 0 ? { origin: [...allowed] } : undefined,
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        callback(null, originAllowed(req.headers.origin, req.headers.host, allowed));
      },
    });
  }
}
