// Serves Janus's own VideoRoom demo (Debian package janus-demos, read in
// place from /usr/share/janus/demos, never copied into this repo) with our
// bench/demo/settings.js pointing at the benchmark's Janus WebSocket.
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JANUS_API_SECRET } from './janus-api.mjs';

export const DEMO_DIR = '/usr/share/janus/demos';
const SETTINGS_TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'settings.js');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.map': 'application/json',
};

/**
 * Starts the static server on a free loopback port.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startDemoServer(janusWsUrl) {
  try {
    await stat(join(DEMO_DIR, 'videoroomtest.html'));
  } catch {
    throw new Error(`${DEMO_DIR}/videoroomtest.html is missing: apt-get install -y janus-demos`);
  }
  const settings = readFileSync(SETTINGS_TEMPLATE, 'utf8')
    .replaceAll('"__JANUS_WS__"', JSON.stringify(janusWsUrl))
    .replaceAll('"__JANUS_API_SECRET__"', JSON.stringify(JANUS_API_SECRET));
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/settings.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      res.end(settings);
      return;
    }
    const file = normalize(join(DEMO_DIR, path === '/' ? 'videoroomtest.html' : path));
    if (!file.startsWith(DEMO_DIR + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file); // follows the javascript/ symlink to /usr/share/javascript
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
