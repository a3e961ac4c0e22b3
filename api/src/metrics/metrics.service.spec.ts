import type { RoomId } from '@parley/protocol';
import { SessionTokens } from '../auth/session-tokens';
import { loadConfig } from '../config/config';
import { handleRequest } from '../realtime/request-handler';
import type { Pusher } from '../rooms/pusher';
import { RoomsService } from '../rooms/rooms.service';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { SqliteStore } from '../store/sqlite-store';
import { MetricsService } from './metrics.service';

const silentPusher: Pusher = { push: () => undefined, pushToRoom: () => undefined, disconnect: () => undefined };
const room = 'metr-icsr-oomx' as RoomId;

describe('MetricsService', () => {
  let sfu: FakeSfu;
  let store: SqliteStore;
  let rooms: RoomsService;
  let metrics: MetricsService;

  /** The value of one series, e.g. value('parley_join_failures_total', { code: 'room.full' }). */
  async function value(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
    const metric = metrics.registry.getSingleMetric(name);
    if (metric === undefined) throw new Error(`No metric ${name}`);
    const { values } = await metric.get();
    const series = values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l));
    return series?.value;
  }

  beforeEach(() => {
    sfu = new FakeSfu();
    store = new SqliteStore(':memory:');
    const config = loadConfig({ DATA_DIR: '/nonexistent', ROOM_MAX_PARTICIPANTS: '2', CHAT_SYSTEM_MESSAGES: 'false' });
    rooms = new RoomsService(sfu, store, config, silentPusher, new SessionTokens(new Uint8Array(32).fill(3), 60));
    rooms.onModuleInit();
    metrics = new MetricsService(rooms, sfu);
    metrics.onModuleInit();
  });

  afterEach(async () => {
    metrics.onApplicationShutdown();
    await rooms.onApplicationShutdown();
    await store.close();
  });

  it('counts rooms, participants and joins as people join and leave', async () => {
    expect(await value('parley_rooms')).toBe(0);
    const ada = await rooms.join({ room, name: 'Ada' });
    await rooms.join({ room, name: 'Bob' });
    expect(await value('parley_rooms')).toBe(1);
    expect(await value('parley_participants')).toBe(2);
    expect(await value('parley_joins_total')).toBe(2);

    await rooms.leave(ada.session, 'left');
    expect(await value('parley_participants')).toBe(1);
    expect(await value('parley_leaves_total')).toBe(1);
    expect(await value('parley_joins_total')).toBe(2);
  });

  it('counts failed joins by their error code, through the request handler every ack passes', async () => {
    const join = (payload: unknown) => handleRequest('room.join', payload, (request) => rooms.join(request));
    await join({ room, name: 'Ada' });
    await join({ room, name: 'Bob' });
    const full = await join({ room, name: 'Cy' });
    const invalid = await join({ room: '', name: '' });
    expect(full.ok).toBeFalse();
    expect(invalid.ok).toBeFalse();
    expect(await value('parley_join_failures_total', { code: 'room.full' })).toBe(1);
    expect(await value('parley_join_failures_total', { code: 'validation.failed' })).toBe(1);
    expect(await value('parley_requests_total', { event: 'room.join', outcome: 'ok' })).toBe(2);
    expect(await value('parley_requests_total', { event: 'room.join', outcome: 'room.full' })).toBe(1);
  });

  it('stops counting requests once shut down', async () => {
    metrics.onApplicationShutdown();
    await handleRequest('room.join', {}, async () => ({}));
    expect(await value('parley_join_failures_total', { code: 'validation.failed' })).toBeUndefined();
  });

  it('reports the Janus connection as it changes, labelled by instance', async () => {
    expect(await value('parley_janus_up', { instance: 'fake' })).toBe(1);
    sfu.healthy = false;
    expect(await value('parley_janus_up', { instance: 'fake' })).toBe(0);
    sfu.restart();
    expect(await value('parley_janus_disconnects_total', { instance: 'fake' })).toBe(1);
  });

  it('reports rooms per Janus instance', async () => {
    expect(await value('parley_janus_rooms', { instance: 'fake' })).toBe(0);
    await rooms.join({ room, name: 'Ada' });
    expect(await value('parley_janus_rooms', { instance: 'fake' })).toBe(1);
  });

  it('counts Socket.IO connections, pushes, and subscriber renegotiations', async () => {
    metrics.socketsChanged(1);
    metrics.socketsChanged(1);
    metrics.socketsChanged(-1);
    metrics.pushed('media.offer');
    metrics.pushed('media.offer');
    metrics.pushed('participant.joined');
    expect(await value('parley_socketio_connections')).toBe(1);
    expect(await value('parley_subscriber_renegotiations_total')).toBe(2);
    expect(await value('parley_pushes_total', { event: 'participant.joined' })).toBe(1);
  });

  it('exposes the Prometheus text format with the process and event-loop metrics', async () => {
    const text = await metrics.text();
    expect(metrics.contentType).toContain('text/plain');
    expect(text).toMatch(/^# TYPE parley_participants gauge$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('keeps each instance’s counts apart', async () => {
    const other = new MetricsService(rooms, sfu);
    await rooms.join({ room, name: 'Ada' });
    expect(await value('parley_joins_total')).toBe(1);
    expect(await (await other.registry.getSingleMetric('parley_joins_total')?.get())?.values[0]?.value).toBe(0);
    other.onApplicationShutdown();
  });
});

