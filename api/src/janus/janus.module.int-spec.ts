import { Test } from '@nestjs/testing';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { JanusModule } from './janus.module';
import { ReconnectingSfu } from './reconnecting-sfu';

/* Against the real Janus the test orchestrator started (see janus-sfu.int-spec.ts). */
const JANUS_URL = process.env['JANUS_URL'];
const JANUS_ADMIN_KEY = process.env['JANUS_ADMIN_KEY'] ?? 'parley-dev-admin-key';

describe('JanusModule', () => {
  it('provides a connected, reconnecting Janus SFU and closes it when the application shuts down', async () => {
    if (JANUS_URL === undefined) {
      throw new Error('JANUS_URL is not set: this spec needs a real Janus (run it through `npm test`).');
    }
    const app = await Test.createTestingModule({
      imports: [JanusModule.forRoot({ url: JANUS_URL, adminKey: JANUS_ADMIN_KEY })],
    }).compile();
    const sfu = app.get<Sfu>(SFU);
    expect(sfu).toBeInstanceOf(ReconnectingSfu);
    expect(sfu.healthy).toBeTrue();
    const room = await sfu.createRoom(`module-${Date.now()}`, { maxPublishers: 2 });
    await room.createPublisher('p1', 'Ada');

    await app.close();

    expect(sfu.healthy).toBeFalse();
    await expectAsync(sfu.createRoom(`after-close-${Date.now()}`, { maxPublishers: 2 })).toBeRejectedWith(
      jasmine.objectContaining({ code: 'janus.unavailable' }),
    );
  });
});
