// docker-compose.yml cannot run here (no Docker engine), so this keeps it true
// by construction: it must run the same Janus package and config that
// `npm start` and CI run, and hand the gateway settings it accepts.
import { readdirSync, readFileSync } from 'node:fs';
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

  it('gives the gateway the same default admin key as the VideoRoom config', () => {
    expect(withDefaults(compose.services.api.environment.JANUS_ADMIN_KEY)).toBe(
      jcfgValue('janus.plugin.videoroom.jcfg', 'admin_key'),
    );
  });

  it('hands the gateway an environment its config accepts', () => {
    const { loadConfig } = createRequire(import.meta.url)(join(ROOT, 'dist/spec/api/config/config.js'));
    const env = Object.fromEntries(Object.entries(compose.services.api.environment).map(([k, v]) => [k, withDefaults(v)]));
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('starts the gateway from where the build puts it', () => {
    const outDir = JSON.parse(read('api/tsconfig.app.json')).compilerOptions.outDir;
    expect(outDir).toBe('../dist/api');
    expect(apiDockerfile).toContain('CMD ["node", "--enable-source-maps", "dist/api/main.js"]');
  });
});
