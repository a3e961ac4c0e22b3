import { SPEC_ROOM_SECRETS, quietLogger, realJanus, startJanus, waitFor } from './fixtures/real-janus';
import { JanusSfu } from './janus-sfu';
import { ReconnectingSfu } from './reconnecting-sfu';

/* Against a Janus of its own, since it gets killed (see fixtures/real-janus.ts). */
const { adminKey, apiSecret } = realJanus(process.env);

describe('ReconnectingSfu against a Janus that is killed and restarted', () => {
  it('notices a kill -9 within 5 s, reconnects when Janus is back, and creates rooms again', async () => {
    let janus = await startJanus({ adminKey, apiSecret });
    const sfu = new ReconnectingSfu(
      { url: janus.url, adminKey, apiSecret, roomSecret: SPEC_ROOM_SECRETS, logger: quietLogger },
      JanusSfu.connect,
      quietLogger,
    );
    try {
      await sfu.start();
      const changes: boolean[] = [];
      sfu.onConnectionChange((up) => changes.push(up));
      await sfu.createRoom('before-the-crash', { maxPublishers: 2 });

      process.kill(janus.pid, 'SIGKILL');
      const noticedMs = await waitFor(() => changes.length === 1, 5_000);
      await janus.stop();
      janus = await startJanus({ adminKey, apiSecret, port: janus.port });
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
