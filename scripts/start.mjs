#!/usr/bin/env node
// `npm start`: installs what is missing, builds what is stale, starts Janus
// with the project's config and the gateway, and stops both on Ctrl-C.
//
// Only Node built-ins are imported statically: this must run before `npm ci`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed.`);
    process.exit(1);
  }
}

/** Newest modification time of any file under `paths` (0 if none). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      latest = Math.max(latest, stat.mtimeMs);
    }
  };
  paths.forEach((path) => visit(join(ROOT, path)));
  return latest;
}

/**
 * A secret of this install, kept in the data folder (mode 0600) like the
 * gateway's session key: generated on the first start, the same afterwards.
 */
function installSecret(dataDir, name) {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

function stale(output, sources) {
  const out = join(ROOT, output);
  return !existsSync(out) || statSync(out).mtimeMs < newest(sources);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Parley needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

if (stale('node_modules/.package-lock.json', ['package-lock.json'])) {
  console.log('Installing npm dependencies...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const { distributionJanusService, ensureJanus } = await import('./lib/janus-install.mjs');
const { startJanus } = await import('./lib/janus.mjs');
const { startGateway } = await import('./lib/gateway.mjs');

// JANUS_URLS (several Janus) replaces JANUS_URL in the gateway; either means "use those".
const theirJanus = process.env.JANUS_URLS?.trim() || process.env.JANUS_URL;

if (!theirJanus) {
  try {
    await ensureJanus();
  } catch (error) {
    console.error(`Parley needs the Debian "janus" package. Install it with:\n\n  ${error.message}\n`);
    process.exit(1);
  }
  const service = distributionJanusService();
  if (service) console.warn(`\n${service.message}`);
}

const shared = ['protocol/src', 'package-lock.json', 'tsconfig.json'];
if (stale('protocol/dist/index.js', shared)) run('npm', ['run', 'build:protocol']);
if (stale('dist/api/main.js', [...shared, 'api/src', 'api/tsconfig.app.json'])) run('npm', ['run', 'build:api']);
if (stale('dist/client/browser/index.html', [...shared, 'client', 'angular.json'])) run('npm', ['run', 'build:client']);

let janus;
/** The secrets of the Janus started here, for the gateway. */
let janusSecrets = {};
if (theirJanus) {
  console.log(`Using the Janus at ${theirJanus}`);
} else {
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  const logFile = join(ROOT, 'data', 'janus.log');
  // Per-install Janus secrets, beside the gateway's session key, unless given.
  const dataDir = resolve(ROOT, process.env.DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  janusSecrets = {
    JANUS_API_SECRET: process.env.JANUS_API_SECRET || installSecret(dataDir, 'janus-api.secret'),
    JANUS_ADMIN_KEY: process.env.JANUS_ADMIN_KEY || installSecret(dataDir, 'janus-admin.key'),
  };
  const secrets = { apiSecret: janusSecrets.JANUS_API_SECRET, adminKey: janusSecrets.JANUS_ADMIN_KEY };
  janus = await startJanus({ logFile, ...secrets });
  console.log(`Janus is running (pid ${janus.pid}, log in data/janus.log)`);
  // Janus crashing must not end the meetings: start it again on the same
  // port; the gateway reconnects and rebuilds its rooms by itself.
  const keepJanusUp = (instance) =>
    instance.exited.then(async ({ code, signal }) => {
      if (stopping) return;
      console.error(`Janus stopped (${code ?? signal}); starting it again`);
      await instance.stop();
      janus = await startJanus({ logFile, port: instance.port, ...secrets });
      console.log(`Janus is running again (pid ${janus.pid})`);
      keepJanusUp(janus);
    });
  keepJanusUp(janus);
}

let gateway;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await gateway?.stop();
  await janus?.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  gateway = await startGateway({ env: janus ? { JANUS_URL: janus.url, ...janusSecrets } : {}, echo: true, timeoutMs: 60_000 });
} catch (error) {
  console.error(error.message);
  await shutdown(1);
}
// The gateway's own logs are JSON; say the one thing a person needs plainly.
console.log(`\nParley is running at ${gateway.url}\nPress Ctrl-C to stop.\n`);
gateway.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`The gateway stopped (${code ?? signal}).`);
  shutdown(1);
});
