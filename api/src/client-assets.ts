import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import compression from 'compression';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

/** Paths the single-page app must never swallow. Case-insensitive, as Express's routing is. */
const SERVER_PATHS = /^\/(socket\.io|healthz|readyz|metrics)(\/|$)/i;
/** `/metrics` in any spelling Express would route (`/metrics/`, `/METRICS`, ...): served on METRICS_PORT only. */
const METRICS_PATH = /^\/metrics(\/|$)/i;

/**
 * Answers 404 on the public port for every spelling of `/metrics`, so no
 * route, static file or the app shell can ever answer there (metrics have
 * their own listener, metrics/metrics-server.ts).
 */
export function refuseMetricsPaths(app: NestExpressApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (METRICS_PATH.test(req.path)) {
      res.status(404).end();
      return;
    }
    next();
  });
}

/**
 * Serves the built Angular client: hashed assets cached for a year, the app
 * shell and service-worker files revalidated on every load (so a deploy is
 * picked up), and `index.html` for every other GET so deep links like
 * `/r/<room>` work. `HEAD` answers as `GET` does, without the body (uptime
 * monitors and link previews send it). Everything goes out gzip- or deflate-compressed when the
 * browser accepts it (the `compression` middleware; ~3× fewer bytes on a
 * first visit).
 */
export function serveClient(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Client').warn(`No built client in ${dir}: run "npm run build:client". Serving the API only.`);
    return;
  }
  app.use(compression());
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      const hashed = /-[A-Z0-9]{8}\.(js|css)$/.test(path);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
