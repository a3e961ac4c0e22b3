// e2e-load: light
// `npm run bench` keeps working: its cheapest mode (20 Socket.IO clients in 4
// rooms, and the client's bundle sizes without a browser) runs through
// bench/run.mjs end to end, prints its tables, writes the results file, and
// leaves no process behind. It checks that the benchmark runs, never a figure.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/gateway.mjs';

function runBench(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench/run.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  let dir;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-bench-smoke-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the signalling benchmark (one gateway, and two over Redis) and the bundle sizes, prints them, writes the results and stops what it started', async () => {
    const out = join(dir, 'results.json');
    const clientDir = process.env.PARLEY_E2E_CLIENT_DIR ? [`--client-dir=${join(process.env.PARLEY_E2E_CLIENT_DIR, 'browser')}`] : [];
    const started = Date.now();
    const { code, stdout, stderr } = await runBench([
      '--quick',
      '--only=signalling,client',
      '--no-tti',
      '--clients=20',
      '--rooms=4',
      '--chat-seconds=3',
      '--signalling-setups=sqlite,redis-2',
      `--out=${out}`,
      ...clientDir,
    ]);
    console.log(`\n    bench smoke: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(code).withContext(stderr.slice(-2000)).toBe(0);
    expect(stdout).toContain('### 3. Signalling without media: 20 Socket.IO clients in 4 rooms');
    expect(stdout.match(/\| room\.join ack .*\| 20\/20 /g)?.length).withContext('join rows, one per setup').toBe(2);
    expect(stdout).toContain('one gateway on SQLite (`sqlite`)');
    expect(stdout).toContain('2 gateways over Redis (`redis-2`)');
    expect(stdout).toContain('### 5. Client: bundle');
    expect(stdout).toMatch(/\| initial JS /);

    expect(existsSync(out)).toBeTrue();
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.results.map((r) => r.name)).toEqual(['signalling', 'client']);
    expect(results.failures).toEqual([]);
    if (existsSync(join(ROOT, '.git'))) expect(results.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(results.janus).toMatch(/^\d+\.\d+/);
    expect(results.machine.cpuModel).toBeTruthy();
    // Janus, the gateways and the redis-server it started are gone.
    expect(results.processes.map((p) => p.label).sort()).toEqual(['Janus', 'gateway', 'gateway', 'gateway', 'redis']);
    for (const { label, pid } of results.processes) expect(existsSync(`/proc/${pid}`)).withContext(`${label} (pid ${pid})`).toBeFalse();
  }, 90_000);
});
