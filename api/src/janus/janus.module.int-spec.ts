import { Test } from '@nestjs/testing';
import type { Sfu } from '../rooms/sfu';
import { SFU } from '../rooms/sfu.token';
import { realJanus } from './fixtures/real-janus';
import { JanusModule } from './janus.module';
import { SfuPool } from './sfu-pool';

/* Against the real Janus the test orchestrator started (see fixtures/real-janus.ts). */
const janus = realJanus(process.env);

describe('JanusModule', () => {
  it('provides a connected pool of reconnecting Janus SFUs and closes it when the application shuts down', async () => {
    const app = await Test.createTestingModule({
      imports: [JanusModule.forRoot({ urls: [janus.url], adminKey: janus.adminKey, apiSecret: janus.apiSecret, allowPrivateCandidates: true, roomSecretKey: new Uint8Array(32).fill(3) })],
    }).compile();
    const sfu = app.get<Sfu>(SFU);
    expect(sfu).toBeInstanceOf(SfuPool);
    expect(sfu.healthy).toBeTrue();
    expect(sfu.instances.map((instance) => [instance.name, instance.healthy])).toEqual([[janus.url, true]]);
    const room = await sfu.createRoom(`module-${Date.now()}`, { maxPublishers: 2 });
    await room.createPublisher('p1', 'Ada');
    expect(sfu.instances[0]?.roomCount).toBe(1);

    await app.close();

    expect(sfu.healthy).toBeFalse();
    await expectAsync(sfu.createRoom(`after-close-${Date.now()}`, { maxPublishers: 2 })).toBeRejectedWith(
      jasmine.objectContaining({ code: 'janus.unavailable' }),
    );
  });
});
