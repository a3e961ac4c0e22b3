import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AppModule, connectCluster } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { watchEventLoop } from './logging/event-loop-watch';
import { JsonLogger } from './logging/json-logger';
import { refuseMetricsPaths, serveClient } from './client-assets';
import { MetricsServer } from './metrics/metrics-server';
import { ParleyIoAdapter } from './realtime/io-adapter';
import { applySecurityHeaders } from './security-headers';

/** Until the config is read (and names LOG_LEVEL), start-up failures log at info. */
let logger = new JsonLogger('info');

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  logger = new JsonLogger(config.logLevel);
  // Several gateways: Redis first, for the session key the Janus room secrets derive from.
  const cluster = await connectCluster(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, cluster), { logger });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  applySecurityHeaders(app);
  app.useWebSocketAdapter(new ParleyIoAdapter(app, config, cluster?.redis));
  refuseMetricsPaths(app);
  if (config.clientDir !== null) serveClient(app, config.clientDir);
  const metricsPort = await app.get(MetricsServer).listen(config.metrics.port, config.metrics.host);
  await app.listen(config.port, config.host);
  watchEventLoop(logger);
  const { port } = app.getHttpServer().address() as AddressInfo;
  // Scripts and tests wait for these messages, so they are written whatever LOG_LEVEL says.
  logger.announce(`Metrics are served at http://${config.metrics.host}:${metricsPort}/metrics`, 'Bootstrap');
  logger.announce(`Parley is running at http://localhost:${port}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    logger.fatal(error.message, 'Config');
  } else {
    logger.fatal(error instanceof Error ? error : String(error), 'Bootstrap');
  }
  process.exit(1);
});
