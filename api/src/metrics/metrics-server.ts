import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsService } from './metrics.service';

/**
 * The Prometheus scrape endpoint, on a listener of its own (METRICS_PORT,
 * bound to METRICS_HOST, loopback by default) rather than the public port:
 * it tells room and participant counts, and a reverse-proxy rule that hides
 * `/metrics` is easy to get wrong (Express also routes `/metrics/` and
 * `/METRICS`). It answers `GET /metrics` (and `HEAD`) and 404 otherwise.
 */
@Injectable()
export class MetricsServer implements OnApplicationShutdown {
  private server: Server | null = null;

  constructor(private readonly metrics: MetricsService) {}

  /** Starts listening; resolves with the port bound (port 0 picks a free one). */
  listen(port: number, host: string): Promise<number> {
    const server = createServer((request, response) => {
      this.answer(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(error instanceof Error ? error.message : String(error));
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if ((request.method !== 'GET' && request.method !== 'HEAD') || path !== '/metrics') {
      response.statusCode = 404;
      response.end();
      return;
    }
    const text = await this.metrics.text();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.end(request.method === 'HEAD' ? undefined : text);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
