// Finds the `janus` binary, installing Debian's package when it is missing
// and we are root, and warns about the distribution's own janus.service
// that the package enables. Used by `npm start`, `npm test` and the bench
// through scripts/lib/janus.mjs, which runs Parley's own Janus.
import { spawnSync } from 'node:child_process';
import { constants as fsConstants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y janus';

/**
 * Returns the path of the `janus` binary, installing the Debian package
 * first when it is missing and we are root. Without root it throws an Error
 * whose message is the exact command to run, so callers can print it as is.
 */
export async function ensureJanus() {
  const found = await findJanus();
  if (found) return found;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(INSTALL_HINT);
  }
  for (const args of [['update'], ['install', '-y', 'janus']]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.error) throw new Error(`apt-get ${args.join(' ')} failed: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  const installed = await findJanus();
  if (!installed) throw new Error(`janus is still missing after apt-get install; try: ${INSTALL_HINT}`);
  return installed;
}

/** The exact command that stops the distribution's own Janus and keeps it from starting at boot. */
export const DISABLE_JANUS_SERVICE = 'sudo systemctl disable --now janus.service';

/**
 * Debian's janus package, installed on a machine running systemd, enables
 * and starts its own `janus.service` with `/etc/janus`'s stock config (HTTP
 * and WebSocket APIs on every interface, no api_secret): a second Janus
 * that Parley neither uses nor protects. Returns what to tell the operator,
 * or null when that service is neither enabled nor running (or there is no
 * systemd). `systemctl` runs `systemctl <args>` and returns its output.
 *
 * @param {(args: string[]) => string} [systemctl]
 * @returns {{ enabled: boolean, active: boolean, message: string } | null}
 */
export function distributionJanusService(systemctl = runSystemctl) {
  if (systemctl === runSystemctl && !existsSync('/run/systemd/system')) return null;
  const enabled = systemctl(['is-enabled', 'janus.service']).trim() === 'enabled';
  const active = systemctl(['is-active', 'janus.service']).trim() === 'active';
  if (!enabled && !active) return null;
  const state = [active ? 'running' : null, enabled ? 'enabled at boot' : null].filter(Boolean).join(' and ');
  return {
    enabled,
    active,
    message:
      `The Debian janus package's own janus.service is ${state}, with /etc/janus's stock config ` +
      `(its APIs open, no api_secret). Parley runs its own Janus and does not need it. Disable it with:\n\n  ${DISABLE_JANUS_SERVICE}\n`,
  };
}

function runSystemctl(args) {
  const result = spawnSync('systemctl', args, { encoding: 'utf8' });
  return result.error ? '' : result.stdout;
}

async function findJanus() {
  const candidates = ['/usr/bin/janus', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'janus'))];
  for (const candidate of candidates) {
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Not there: try the next PATH entry.
    }
  }
  return null;
}
