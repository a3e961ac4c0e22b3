import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { serveClient } from './client-assets';
import { ParleyIoAdapter } from './realtime/io-adapter';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.useWebSocketAdapter(new ParleyIoAdapter(app, config));
  if (config.clientDir !== null) serveClient(app, config.clientDir);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  // Scripts and tests wait for this exact line.
  console.log(`Parley is running at http://localhost:${port}`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('Bootstrap').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
