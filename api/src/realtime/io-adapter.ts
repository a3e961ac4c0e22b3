import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { Config } from '../config/config';

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

/** Socket.IO server options from Parley's config. */
export class ParleyIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: Config,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
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
