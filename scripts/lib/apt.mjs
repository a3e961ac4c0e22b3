// Installs a missing Debian package when we are root; otherwise says exactly
// what to run. Used for the system parts Parley needs (janus, chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let updated = false;

/**
 * Returns `binary` once it exists, installing Debian package `pkg` with
 * apt-get if needed and allowed. Without root it throws an Error whose
 * message is the command to run.
 */
export function ensureDebianPackage(binary, pkg) {
  if (existsSync(binary)) return binary;
  const hint = `sudo apt-get update && sudo apt-get install -y ${pkg}`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) throw new Error(hint);
  const steps = updated ? [['install', '-y', pkg]] : [['update'], ['install', '-y', pkg]];
  for (const args of steps) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; try: ${hint}`);
  }
  updated = true;
  if (!existsSync(binary)) throw new Error(`${binary} is still missing after installing ${pkg}`);
  return binary;
}
