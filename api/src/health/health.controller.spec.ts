import type { Response } from 'express';
import { InMemoryRoomPlacement } from '../janus/room-placement';
import { SfuPool } from '../janus/sfu-pool';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { SqliteStore } from '../store/sqlite-store';
import { HealthController } from './health.controller';

/** Records what the controller answers. */
function recordingResponse(): { response: Response; sent: { status?: number; body?: unknown } } {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  return { response: response as unknown as Response, sent };
}

describe('HealthController', () => {
  let sfu: FakeSfu;
  let store: SqliteStore;
  let health: HealthController;

  beforeEach(() => {
    sfu = new FakeSfu();
    store = new SqliteStore(':memory:');
    health = new HealthController(sfu, store);
  });

  afterEach(async () => {
    await store.close();
  });

  it('is ready (200) while Janus is reachable and the store takes writes', async () => {
    const { response, sent } = recordingResponse();
    await health.ready(response);
    expect(sent).toEqual({ status: 200, body: { status: 'ok', janus: true, janusDown: [], store: true, failed: [] } });
  });

  it('answers 503 naming janus when Janus is down', async () => {
    sfu.healthy = false;
    const { response, sent } = recordingResponse();
    await health.ready(response);
    expect(sent).toEqual({ status: 503, body: { status: 'unavailable', janus: false, janusDown: ['fake'], store: true, failed: ['janus'] } });
  });

  it('answers 503 naming the store when it cannot write', async () => {
    await store.close();
    const { response, sent } = recordingResponse();
    await health.ready(response);
    expect(sent).toEqual({ status: 503, body: { status: 'unavailable', janus: true, janusDown: [], store: false, failed: ['store'] } });
  });

  it('names both when both fail', async () => {
    sfu.healthy = false;
    await store.close();
    expect((await health.readiness()).failed).toEqual(['janus', 'store']);
  });

  it('is ready while one Janus instance of several is up, and names those that are down', async () => {
    const up = new FakeSfu('ws://janus-1:8188');
    const down = new FakeSfu('ws://janus-2:8188');
    down.healthy = false;
    const pool = new SfuPool([up, down], new InMemoryRoomPlacement(), { log: () => undefined, warn: () => undefined, error: () => undefined });
    const { response, sent } = recordingResponse();
    await new HealthController(pool, store).ready(response);
    expect(sent).toEqual({
      status: 200,
      body: { status: 'ok', janus: true, janusDown: ['ws://janus-2:8188'], store: true, failed: [] },
    });
  });

  it('says the process is up whatever Janus does', () => {
    sfu.healthy = false;
    expect(health.health()).toEqual({ status: 'ok' });
  });
});
