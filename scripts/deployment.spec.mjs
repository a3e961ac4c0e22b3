// docker-compose.yml cannot run here (no Docker engine), so this keeps it true
// by construction: it must run the same Janus package and config that
// `npm start` and CI run, and hand the gateway settings it accepts.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './lib/gateway.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'));
const janusDockerfile = read('janus/Dockerfile');
const apiDockerfile = read('api/Dockerfile');

/** Resolves compose's `${NAME:-default}` the way an empty .env would. */
const withDefaults = (value) => String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

/** Compose's interpolation with `env` as the .env file: `${X}`, `${X:-default}`, `${X:?error}`. */
function interpolate(value, env) {
  return String(value).replace(/\$\{([A-Z_][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (_, name, op, arg) => {
    if (env[name] !== undefined && env[name] !== '') return env[name];
    if (op === ':-') return arg;
    if (op === ':?') throw new Error(`${name}: ${arg}`);
    return '';
  });
}

/** .env.example's entries: `NAME=value` (set) and `# NAME=default` (documented default). */
const envExample = [...read('.env.example').matchAll(/^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, comment, name, value]) => ({
  name,
  value,
  commented: comment !== undefined,
}));
/** What an operator who copied .env.example and changed nothing has. */
const exampleEnv = Object.fromEntries(envExample.filter((e) => !e.commented).map((e) => [e.name, e.value]));
/** What an operator who copied .env.example and replaced every placeholder with a secret of their own has. */
const operatorEnv = Object.fromEntries(
  Object.entries(exampleEnv).map(([name, value], index) => [name, value.startsWith('change-me') ? `${index}f3a9c0d7e1b2845a6c9d0e7f1a2b3c4d` : value]),
);

function jcfgValue(file, key) {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*"?([^"\\n]*)"?`, 'm').exec(read(`janus/${file}`));
  if (!match) throw new Error(`${key} not found in janus/${file}`);
  return match[1];
}

describe('docker-compose.yml', () => {
  it('builds Janus from janus/Dockerfile with the Debian janus package CI installs', () => {
    expect(compose.services.janus.build).toBe('./janus');
    expect(janusDockerfile).toMatch(/^FROM debian:bookworm-slim/m);
    expect(janusDockerfile).toMatch(/apt-get install -y --no-install-recommends janus\b/);
    expect(read('.ci/run')).toMatch(/missing\+=\(janus\)/);
  });

  it('copies every janus/*.jcfg that local runs and tests use into the image folder it starts Janus with', () => {
    const configs = readdirSync(join(ROOT, 'janus')).filter((name) => name.endsWith('.jcfg')).sort();
    const copy = /^COPY (.+) (\S+)\/$/m.exec(janusDockerfile);
    expect(copy).not.toBeNull();
    expect(copy[1].split(/\s+/).sort()).toEqual(configs);
    const command = compose.services.janus.command;
    expect(command.slice(0, 3)).toEqual(['janus', '-F', copy[2]]);
  });

  it('points the gateway at the Janus WebSocket port of the shared config', () => {
    const url = new URL(compose.services.api.environment.JANUS_URL);
    expect(url.hostname).toBe('janus');
    expect(url.port).toBe(jcfgValue('janus.transport.websockets.jcfg', 'ws_port'));
  });

  it('never publishes the Janus API port', () => {
    const wsPort = jcfgValue('janus.transport.websockets.jcfg', 'ws_port');
    const published = (compose.services.janus.ports ?? []).map(withDefaults);
    expect(published.some((port) => port.split(/[:/-]/).includes(wsPort))).toBeFalse();
  });

  it('publishes exactly the RTP range Janus is told to use', () => {
    const range = withDefaults(compose.services.janus.command.find((arg) => arg.startsWith('--rtp-port-range=')));
    const [published] = compose.services.janus.ports.map(withDefaults);
    expect(published).toBe(`${range.split('=')[1]}:${range.split('=')[1]}/udp`);
  });

  it('gives Janus and the gateway the operator’s api_secret and admin_key, and neither starts without them', () => {
    const janusEnv = (env) => Object.fromEntries(Object.entries(compose.services.janus.environment).map(([k, v]) => [k, interpolate(v, env)]));
    const apiEnv = (env) => Object.fromEntries(Object.entries(compose.services.api.environment).map(([k, v]) => [k, interpolate(v, env)]));
    for (const name of ['JANUS_API_SECRET', 'JANUS_ADMIN_KEY']) {
      expect(janusEnv(operatorEnv)[name]).withContext(name).toBe(operatorEnv[name]);
      expect(apiEnv(operatorEnv)[name]).withContext(name).toBe(operatorEnv[name]);
      expect(() => janusEnv({ ...operatorEnv, [name]: '' })).withContext(name).toThrowError(new RegExp(name));
      expect(() => apiEnv({ ...operatorEnv, [name]: '' })).withContext(name).toThrowError(new RegExp(name));
    }
  });

  it('runs Janus as a non-root user, through an entrypoint that writes the secrets into its config', () => {
    expect(janusDockerfile).toMatch(/^USER parley-janus$/m);
    expect(janusDockerfile).toMatch(/^ENTRYPOINT \["parley-janus-entrypoint"\]$/m);
    expect(janusDockerfile).toContain('COPY entrypoint.sh /usr/local/bin/parley-janus-entrypoint');
    const dir = mkdtempSync(join(tmpdir(), 'parley-janus-entrypoint-'));
    try {
      for (const name of readdirSync(join(ROOT, 'janus')).filter((n) => n.endsWith('.jcfg'))) copyFileSync(join(ROOT, 'janus', name), join(dir, name));
      const env = { PATH: process.env.PATH, PARLEY_JANUS_CONFIG: dir, JANUS_API_SECRET: 'api-0123456789abcdef', JANUS_ADMIN_KEY: 'admin-0123456789abcdef' };
      const ran = spawnSync('sh', [join(ROOT, 'janus/entrypoint.sh'), 'sh', '-c', 'echo "janus would start; secret in env: ${JANUS_API_SECRET:-none}"'], { env, encoding: 'utf8' });
      expect(ran.status).withContext(ran.stderr).toBe(0);
      expect(ran.stdout).toContain('janus would start; secret in env: none');
      expect(readFileSync(join(dir, 'janus.jcfg'), 'utf8')).toMatch(/^\s*api_secret = "api-0123456789abcdef"$/m);
      expect(readFileSync(join(dir, 'janus.plugin.videoroom.jcfg'), 'utf8')).toMatch(/^\s*admin_key = "admin-0123456789abcdef"$/m);
      for (const bad of [{ JANUS_API_SECRET: '' }, { JANUS_ADMIN_KEY: 'has"quote' }]) {
        const refused = spawnSync('sh', [join(ROOT, 'janus/entrypoint.sh'), 'true'], { env: { ...env, ...bad }, encoding: 'utf8' });
        expect(refused.status).withContext(JSON.stringify(bad)).toBe(1);
        expect(refused.stderr).toMatch(/JANUS_(API_SECRET|ADMIN_KEY)/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits development values of api_secret and admin_key that the gateway’s defaults match and production refuses', () => {
    const { loadConfig } = createRequire(import.meta.url)(join(ROOT, 'dist/spec/api/config/config.js'));
    const defaults = loadConfig({}).janus;
    expect(jcfgValue('janus.jcfg', 'api_secret')).toBe(defaults.apiSecret);
    expect(jcfgValue('janus.plugin.videoroom.jcfg', 'admin_key')).toBe(defaults.adminKey);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/JANUS_ADMIN_KEY|JANUS_API_SECRET/);
  });

  it('hands the gateway an environment its config accepts once the operator replaced the placeholders, and refuses it before', () => {
    const { loadConfig } = createRequire(import.meta.url)(join(ROOT, 'dist/spec/api/config/config.js'));
    const apiEnv = (env) => Object.fromEntries(Object.entries(compose.services.api.environment).map(([k, v]) => [k, interpolate(v, env)]));
    expect(compose.services.api.environment.NODE_ENV).toBe('production');
    expect(apiDockerfile).toMatch(/^ENV NODE_ENV=production$/m);
    expect(loadConfig(apiEnv(operatorEnv)).production).toBeTrue();
    // .env.example copied unedited: every placeholder is named, one at a time.
    for (const name of Object.keys(exampleEnv).filter((n) => exampleEnv[n].startsWith('change-me'))) {
      expect(() => loadConfig(apiEnv({ ...operatorEnv, [name]: exampleEnv[name] }))).withContext(name).toThrowError(new RegExp(`${name}: is a placeholder`));
    }
    expect(Object.keys(exampleEnv).filter((n) => exampleEnv[n].startsWith('change-me')).sort()).toEqual(['JANUS_ADMIN_KEY', 'JANUS_API_SECRET', 'TURN_SECRET']);
  });

  it('starts the gateway from where the build puts it', () => {
    const outDir = JSON.parse(read('api/tsconfig.app.json')).compilerOptions.outDir;
    expect(outDir).toBe('../dist/api');
    expect(apiDockerfile).toContain('CMD ["node", "--enable-source-maps", "dist/api/main.js"]');
  });
});

describe('Operating with docker compose', () => {
  const { ENV_KEYS, loadConfig } = createRequire(import.meta.url)(join(ROOT, 'dist/spec/api/config/config.js'));
  const composeText = read('docker-compose.yml');
  const composeVariables = [...new Set([...composeText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map(([, name]) => name))];
  const documented = new Set(envExample.map((e) => e.name));
  const api = compose.services.api;
  const coturn = compose.services.coturn;
  /** Settings compose deliberately does not pass to the gateway, and why (also said in .env.example). */
  const NOT_PASSED = {
    SESSION_SECRET: 'the key generated into the data volume is used',
    JANUS_URLS: 'compose runs one Janus (JANUS_URL); docs/deploying.md shows how to add more',
  };
  const flag = (name, env) => interpolate(coturn.command.find((arg) => arg.startsWith(`--${name}=`)).split('=')[1], env);

  it('documents in .env.example every setting the gateway reads', () => {
    expect(ENV_KEYS.length).toBeGreaterThan(10);
    expect(ENV_KEYS.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('documents every setting the gateway reads in the README configuration table', () => {
    const rows = new Set([...read('README.md').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map(([, name]) => name));
    expect(ENV_KEYS.filter((key) => !rows.has(key))).toEqual([]);
  });

  it('documents in .env.example every variable docker-compose.yml uses', () => {
    expect(composeVariables).toContain('TURN_SECRET');
    expect(composeVariables.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('documents in .env.example the defaults actually in force', () => {
    const gatewayDefaults = loadConfig({});
    for (const { name, value } of envExample.filter((e) => e.commented && ENV_KEYS.includes(e.name))) {
      expect(loadConfig(value === '' ? {} : { [name]: value }))
        .withContext(`# ${name}=${value}`)
        .toEqual(gatewayDefaults);
    }
    for (const [, name, fallback] of composeText.matchAll(/\$\{([A-Z_][A-Z0-9_]*):-([^}]*)\}/g)) {
      const entry = envExample.find((e) => e.name === name);
      if (entry?.commented) expect(entry.value).withContext(name).toBe(fallback);
    }
  });

  it('hands the gateway every setting it reads, defaulting to the gateway’s own defaults', () => {
    const passed = Object.keys(api.environment);
    expect(passed.filter((key) => !ENV_KEYS.includes(key))).withContext('unknown settings').toEqual([]);
    expect(ENV_KEYS.filter((key) => !passed.includes(key) && !(key in NOT_PASSED))).withContext('settings not passed').toEqual([]);
    const gatewayDefaults = loadConfig({});
    for (const [key, value] of Object.entries(api.environment)) {
      const passthrough = new RegExp(`^\\$\\{${key}:-([^}]*)\\}$`).exec(String(value));
      if (!passthrough) continue;
      const fallback = passthrough[1];
      expect(loadConfig(fallback === '' ? {} : { [key]: fallback })).withContext(key).toEqual(gatewayDefaults);
    }
  });

  it('gives coturn and the gateway the same TURN secret, with use-auth-secret', () => {
    const env = { ...operatorEnv, TURN_SECRET: 'a-secret-from-the-operator-0123456789' };
    expect(coturn.command).toContain('--use-auth-secret');
    expect(flag('static-auth-secret', env)).toBe(env.TURN_SECRET);
    const config = loadConfig(Object.fromEntries(Object.entries(api.environment).map(([k, v]) => [k, interpolate(v, env)])));
    expect(config.turn.secret).toBe(env.TURN_SECRET);
    expect(() => flag('static-auth-secret', { ...env, TURN_SECRET: '' })).toThrowError(/TURN_SECRET/);
  });

  for (const env of [{}, { TURN_PORT: '5349', TURN_MIN_PORT: '50000', TURN_MAX_PORT: '50099', PUBLIC_IP: '198.51.100.4' }]) {
    it(`points the gateway's TURN URLs at the ports coturn listens on and publishes (${JSON.stringify(env)})`, () => {
      const all = { ...operatorEnv, ...env };
      const urls = interpolate(api.environment.TURN_URLS, all).split(',');
      expect(urls.map((url) => url.split('?')[1])).toEqual(['transport=udp', 'transport=tcp']);
      const published = coturn.ports.map((port) => interpolate(port, all));
      const listening = flag('listening-port', all);
      for (const url of urls) {
        const [, host, port] = /^turn:([^:]+):(\d+)\?/.exec(url);
        expect(host).toBe(all.PUBLIC_IP);
        expect(published).toContain(`${port}:${listening}/${url.endsWith('udp') ? 'udp' : 'tcp'}`);
      }
      expect(flag('external-ip', all)).toBe(all.PUBLIC_IP);
      const range = `${flag('min-port', all)}-${flag('max-port', all)}`;
      expect(published).toContain(`${range}:${range}/udp`);
    });
  }

  it('lets coturn relay to Janus on the private network and to no other address at all, IPv4 or IPv6', () => {
    const subnet = interpolate(compose.networks.private.ipam.config[0].subnet, {});
    const janusIp = interpolate(compose.services.janus.networks.private.ipv4_address, {});
    const [base, bits] = subnet.split('/');
    const toInt = (ip) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
    const mask = 2 ** 32 - 2 ** (32 - Number(bits));
    expect((toInt(janusIp) & mask) >>> 0).withContext('Janus inside the subnet').toBe((toInt(base) & mask) >>> 0);
    const allowed = coturn.command.filter((arg) => arg.startsWith('--allowed-peer-ip=')).map((arg) => interpolate(arg.split('=')[1], {}));
    expect(allowed).toEqual([janusIp]);
    const denied = coturn.command.filter((arg) => arg.startsWith('--denied-peer-ip=')).map((arg) => arg.split('=')[1]);
    expect(denied).toEqual(['0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']);
    expect(coturn.command).toContain('--no-tcp-relay');
    expect(coturn.command).toContain('--no-multicast-peers');
  });

  it('caps coturn with per-user and total relay quotas and a bandwidth limit, with documented defaults', () => {
    for (const [option, variable, fallback] of [
      ['user-quota', 'TURN_USER_QUOTA', '12'],
      ['total-quota', 'TURN_TOTAL_QUOTA', '40'],
      ['max-bps', 'TURN_MAX_BPS', '1250000'],
    ]) {
      expect(coturn.command).withContext(option).toContain(`--${option}=\${${variable}:-${fallback}}`);
      expect(envExample).withContext(variable).toContain({ name: variable, value: fallback, commented: true });
      expect(read('docs/deploying.md')).withContext(variable).toContain(`\`${variable}\``);
    }
    // The relay range holds at least as many ports as the total quota allows relays.
    expect(Number(flag('max-port', {})) - Number(flag('min-port', {})) + 1).toBeGreaterThanOrEqual(Number(flag('total-quota', {})));
  });

  it('serves metrics on their own port, on the private network only, never published', () => {
    const env = Object.fromEntries(Object.entries(api.environment).map(([k, v]) => [k, interpolate(v, operatorEnv)]));
    const config = loadConfig(env);
    expect(config.metrics.port).not.toBe(config.port);
    const published = api.ports.map((port) => interpolate(port, operatorEnv));
    expect(published.some((port) => port.split(/[:/-]/).includes(String(config.metrics.port)))).toBeFalse();
  });

  it('drops browsers’ private ICE candidates in compose (browsers reach Janus on PUBLIC_IP)', () => {
    const env = Object.fromEntries(Object.entries(api.environment).map(([k, v]) => [k, interpolate(v, operatorEnv)]));
    expect(loadConfig(env).janus.allowPrivateCandidates).toBeFalse();
  });

  it('restarts and health-checks every service', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.restart).withContext(name).toBe('unless-stopped');
      expect(service.healthcheck?.test?.length).withContext(name).toBeGreaterThan(0);
    }
  });

  it('runs Redis only under the scale profile, from the Debian redis-server package CI installs, never published', () => {
    const redis = compose.services.redis;
    expect(redis.profiles).toEqual(['scale']);
    expect(redis.build).toBe('./redis');
    const dockerfile = read('redis/Dockerfile');
    expect(dockerfile).toMatch(/^FROM debian:bookworm-slim/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends redis-server\b/);
    expect(read('.ci/run')).toMatch(/missing\+=\(redis-server\)/);
    expect(redis.ports).toBeUndefined();
    expect(redis.networks).toEqual(['private']);
    expect(redis.healthcheck.test.join(' ')).toContain('redis-cli ping');
    // The password: from .env, for the server (entrypoint) and redis-cli (healthcheck).
    expect(redis.environment).toEqual({ REDIS_PASSWORD: '${REDIS_PASSWORD:-}', REDISCLI_AUTH: '${REDIS_PASSWORD:-}' });
    expect(dockerfile).toMatch(/^ENTRYPOINT \["parley-redis-entrypoint"\]$/m);
    // The gateway waits for it only when the profile runs it.
    expect(api.depends_on.redis).toEqual({ condition: 'service_healthy', required: false });
  });

  it('keeps one gateway on SQLite unless REDIS_URL is set, and points it at the redis service when it is', () => {
    const env = (extra) => Object.fromEntries(Object.entries(api.environment).map(([k, v]) => [k, interpolate(v, { ...operatorEnv, ...extra })]));
    expect(loadConfig(env({})).redisUrl).toBeNull();
    const url = new URL(loadConfig(env({ REDIS_URL: 'redis://:0a1b2c3d4e5f@redis:6379' })).redisUrl);
    expect(url.hostname).toBe('redis');
    expect(url.port).toBe('6379');
    expect(() => loadConfig(env({ REDIS_URL: 'redis://redis:6379' }))).toThrowError(/REDIS_URL: needs a password/);
  });

  it('starts Redis only with a password, written to a file only Redis reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-redis-entrypoint-'));
    try {
      // A stand-in redis-server that shows what it was started with.
      writeFileSync(join(dir, 'redis-server'), '#!/bin/sh\necho "args: $*"\ncat "$1"\n');
      chmodSync(join(dir, 'redis-server'), 0o755);
      const conf = join(dir, 'redis.conf');
      const env = { PATH: `${dir}:${process.env.PATH}`, PARLEY_REDIS_CONF: conf, REDIS_PASSWORD: '0a1b2c3d4e5f' };
      const ran = spawnSync('sh', [join(ROOT, 'redis/entrypoint.sh'), '--appendonly', 'yes'], { env, encoding: 'utf8' });
      expect(ran.status).withContext(ran.stderr).toBe(0);
      expect(ran.stdout).toContain(`args: ${conf} --appendonly yes`);
      expect(ran.stdout).toContain('requirepass 0a1b2c3d4e5f');
      expect(statSync(conf).mode & 0o777).toBe(0o600);
      const refused = spawnSync('sh', [join(ROOT, 'redis/entrypoint.sh')], { env: { ...env, REDIS_PASSWORD: '' }, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('REDIS_PASSWORD');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds coturn from the Debian coturn package CI installs', () => {
    expect(coturn.build).toBe('./coturn');
    const dockerfile = read('coturn/Dockerfile');
    expect(dockerfile).toMatch(/^FROM debian:bookworm-slim/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends coturn\b/);
    expect(read('.ci/run')).toMatch(/missing\+=\(coturn\)/);
    expect(coturn.healthcheck.test).toContain('turnutils_stunclient');
  });
});

describe('docs/deploying.md’s Security checklist', () => {
  const doc = read('docs/deploying.md');
  const start = doc.indexOf('## Security checklist');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));

  it('names only test and source files that exist', () => {
    expect(start).toBeGreaterThan(0);
    const files = [...section.matchAll(/`((?:api|e2e|scripts|janus|redis)\/[^`\s]+)`/g)].map(([, path]) => path);
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('covers every secret production refuses and every setting that narrows what is exposed', () => {
    for (const name of ['TURN_SECRET', 'JANUS_ADMIN_KEY', 'JANUS_API_SECRET', 'SESSION_SECRET', 'REDIS_URL', 'REDIS_PASSWORD',
      'ALLOW_PRIVATE_CANDIDATES', 'METRICS_PORT', 'TURN_USER_QUOTA', 'TURN_TOTAL_QUOTA', 'TURN_MAX_BPS', 'NODE_ENV=production']) {
      expect(section).withContext(name).toContain(name);
    }
  });
});
