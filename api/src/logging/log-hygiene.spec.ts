import { ConsoleLogger, Logger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '@parley/protocol';
import { io, type Socket } from 'socket.io-client';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { ParleyIoAdapter } from '../realtime/io-adapter';
import { FakeSfu } from '../rooms/testing/fake-sfu';
import { SFU } from '../rooms/sfu.token';
import { JsonLogger } from './json-logger';

const CHAT_TEXT = 'the launch code is tangerine-4471';
const SDP_MARKER = 'o=- 4611731400430051336 2 IN IP4 127.0.0.1 sdp-marker-9c2f';

/**
 * The whole gateway (with an in-memory SFU) logging at its most verbose
 * into a buffer, driven over a real Socket.IO connection: what operators
 * would collect must carry ids, and never what people say or hold.
 */
describe('Gateway logs', () => {
  const lines: string[] = [];
  let app: INestApplication;
  let dataDir: string;
  let url: string;
  const sockets: Socket[] = [];

  const connect = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = io(url, { auth: { v: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-logs-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      LOG_LEVEL: 'trace',
      TURN_URLS: 'turn:127.0.0.1:3478',
      TURN_SECRET: 'turn-secret-that-must-not-be-logged',
      SESSION_SECRET: 'session-secret-that-must-not-be-logged-0123456789',
    });
    const logger = new JsonLogger(config.logLevel, { write: (line: string) => void lines.push(line) });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(SFU)
      .useValue(new FakeSfu())
      .setLogger(logger)
      .compile();
    app = moduleRef.createNestApplication({ logger });
    app.useWebSocketAdapter(new ParleyIoAdapter(app, config));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 20_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
    // Nest keeps the last logger process-wide; give the other specs the default back.
    Logger.overrideLogger(new ConsoleLogger());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carry room and participant ids, but no token, password, SDP or chat text, through join, publish, chat and resume', async () => {
    const ada = await connect();
    const joined = await ada.timeout(5_000).emitWithAck('room.join', { room: 'logs-room-0001', name: 'Ada' });
    expect(joined.ok).toBeTrue();
    const { token, self, iceServers } = joined.data;
    const turnPassword: string = iceServers.at(-1).credential;

    const published = await ada.timeout(5_000).emitWithAck('media.publish', {
      offer: { type: 'offer', sdp: `v=0\r\n${SDP_MARKER}\r\n` },
      tracks: [{ mid: '0', source: 'microphone' }],
    });
    expect(published.ok).toBeTrue();
    const sent = await ada.timeout(5_000).emitWithAck('chat.send', { clientId: 'log-spec-0001', text: CHAT_TEXT });
    expect(sent.ok).toBeTrue();

    // The same person on a new connection, resuming with the session token.
    const again = await connect();
    const resumed = await again.timeout(5_000).emitWithAck('room.join', { room: 'logs-room-0001', name: 'Ada', resumeToken: token });
    expect(resumed.ok).toBeTrue();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const output = lines.join('');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // The capture works and the request context reaches the lines written while handling a request.
    expect(records.some((r) => r['event'] === 'chat.send' && r['participantId'] === self.id && r['room'] === 'logs-room-0001')).toBeTrue();
    expect(records.every((r) => typeof r['level'] === 'string' && typeof r['time'] === 'string')).toBeTrue();

    for (const secret of [
      CHAT_TEXT,
      'tangerine',
      token,
      turnPassword,
      'turn-secret-that-must-not-be-logged',
      'session-secret-that-must-not-be-logged',
      'sdp-marker-9c2f',
    ]) {
      expect(output.includes(secret)).withContext(`logs contain "${secret}"`).toBeFalse();
    }
  });

  it('redacts secrets inside objects someone logs, as a safety net', () => {
    const captured: string[] = [];
    const logger = new JsonLogger('info', { write: (line: string) => void captured.push(line) });
    logger.log({ msg: 'oops', payload: { token: 'tok-123', text: 'hello there', sdp: 'v=0', name: 'Ada' } }, 'Spec');
    const record = JSON.parse(captured[0] ?? '{}') as { payload: Record<string, string>; context: string };
    expect(record.context).toBe('Spec');
    expect(record.payload).toEqual({ token: '[redacted]', text: '[redacted]', sdp: '[redacted]', name: 'Ada' });
  });
});
