import { join } from 'node:path';
import type { JanusLogger } from './janus-context';
import { JanusSfu } from './janus-sfu';
import { ReconnectingSfu } from './reconnecting-sfu';

const JANUS_ADMIN_KEY = process.env['JANUS_ADMIN_KEY'] ?? 'parley-dev-admin-key';

interface RunningJanus {
  url: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
}
type StartJanus = (options: { adminKey: string; port?: number }) => Promise<RunningJanus>;

const quiet: JanusLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('ReconnectingSfu against a Janus that is killed and restarted', () => {
  it('notices a kill -9 within 5 s, reconnects when Janus is back, and creates rooms again', async () => {
    if (process.env['JANUS_URL'] === undefined) throw new Error('JANUS_URL is not set: run through `npm test`.');
    const { startJanus } = (await import(join(__dirname, '../../../../scripts/lib/janus.mjs'))) as { startJanus: StartJanus };
    let janus = await startJanus({ adminKey: JANUS_ADMIN_KEY });
    const sfu = new ReconnectingSfu({ url: janus.url, adminKey: JANUS_ADMIN_KEY, logger: quiet }, JanusSfu.connect, quiet);
    try {
      await sfu.start();
      const changes: boolean[] = [];
      sfu.onConnectionChange((up) => changes.push(up));
      await sfu.createRoom('before-the-crash', { maxPublishers: 2 });

      process.kill(janus.pid, 'SIGKILL');
      const noticedMs = await waitFor(() => changes.length === 1, 5_000);
      await janus.stop();
      janus = await startJanus({ adminKey: JANUS_ADMIN_KEY, port: janus.port });
      const backMs = await waitFor(() => changes.length === 2, 10_000);
      console.log(`\n    Janus kill -9 noticed in ${noticedMs} ms; reconnected ${backMs} ms after the restart`);

      expect(changes).toEqual([false, true]);
      expect(sfu.healthy).toBeTrue();
      await expectAsync(sfu.createRoom('after-the-crash', { maxPublishers: 2 })).toBeResolved();
    } finally {
      await sfu.close();
      await janus.stop();
    }
  }, 40_000);
});
