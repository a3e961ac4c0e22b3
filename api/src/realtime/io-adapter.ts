import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import type { Config } from '../config/config';
import type { RedisConnection } from '../store/redis-connection';
import { deliverLocallyFirst } from './local-first-broadcast';

/**
 * Stream entries one XREAD takes (the adapter's default is 100): a gateway
 * that fell behind, a busy second say, catches up in a few reads instead of
 * one round trip to Redis per hundred pushes.
 */
const STREAM_READ_COUNT = 1_000;

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
 * session and state, they do not ask for missed pushes again. A broadcast
 * reaches this gateway's own sockets before it is published for the others
 * (`deliverLocallyFirst`).
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
    if (this.redis !== undefined) {
      const adapter = createAdapter(this.redis.client, { streamName: 'parley:socket.io', readCount: STREAM_READ_COUNT });
      // Socket.IO calls the factory with `new`: a function, not an arrow (its returned object stands for the instance).
      server.adapter(function localFirst(nsp: unknown) {
        return deliverLocallyFirst(adapter(nsp));
      });
    }
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
