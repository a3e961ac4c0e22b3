import { TestBed } from '@angular/core/testing';
import type { JoinResult, RoomId } from '@parley/protocol';
import { until } from '../../../testing/async';
import { FakePeerConnection } from '../../../testing/fake-peer-connection';
import { FakeSocket } from '../../../testing/fake-socket';
import { participant } from '../../../testing/participants';
import { FakeMediaDevices } from '../../../testing/media-fakes';
import { SignalingClient } from '../signaling/signaling-client';
import { SOCKET_FACTORY } from '../signaling/socket-factory';
import { LocalMedia } from '../webrtc/local-media';
import { MEDIA_DEVICES, PEER_CONNECTION_FACTORY } from '../webrtc/platform';
import { CallPublishing } from './call-publishing';
import { CALL_PROVIDERS, CallSession } from './call-session';
import { ParticipantsStore } from './participants-store';

const ROOM = 'abcde-fghjk' as RoomId;

const person = participant;

describe('CallSession', () => {
  let socket: FakeSocket;
  let devices: FakeMediaDevices;
  let pcs: FakePeerConnection[];
  let session: CallSession;
  let participants: ParticipantsStore;
  let joinReply: unknown;
  let socketsCreated: number;

  const me = person('me', 'Ada');
  const bob = person('bob', 'Bob');
  const joined: JoinResult = {
    room: ROOM,
    self: me,
    participants: [bob],
    token: 'resume-me',
    iceServers: [],
    meeting: { id: 'meeting-1', startedAt: 0 },
    chat: { messages: [], hasMore: false },
    settings: { locked: false, hasPassword: false, lobby: false },
    speakers: { activeSpeaker: null, speaking: [] },
  };
  const sent = (event: string) => socket.sent.filter((r) => r.event === event);
  /** Publisher connections make offers; the subscriber (prepared at the join) only answers. */
  const publishers = () => pcs.filter((pc) => pc.log.includes('createOffer'));

  beforeEach(() => {
    pcs = [];
    socketsCreated = 0;
    devices = new FakeMediaDevices();
    joinReply = { ok: true, data: joined };
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        LocalMedia,
        ParticipantsStore,
        ...CALL_PROVIDERS,
        { provide: MEDIA_DEVICES, useValue: devices },
        {
          provide: PEER_CONNECTION_FACTORY,
          useValue: (configuration: RTCConfiguration) => {
            const pc = new FakePeerConnection(configuration);
            pcs.push(pc);
            return pc.asPeerConnection();
          },
        },
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string | undefined, options: object) => {
            socketsCreated++;
            socket = new FakeSocket(url, options);
            socket.reply = (event, payload) => {
              switch (event) {
                case 'room.join':
                  return Promise.resolve(joinReply);
                case 'media.publish':
                  return Promise.resolve({ ok: true, data: { answer: { type: 'answer', sdp: 'janus-answer' } } });
                case 'participant.update':
                  return Promise.resolve({ ok: true, data: { ...me, ...(payload as object) } });
                default:
                  return Promise.resolve({ ok: true, data: {} });
              }
            };
            return socket.asSocket();
          },
        },
      ],
    });
    session = TestBed.inject(CallSession);
    participants = TestBed.inject(ParticipantsStore);
  });

  afterEach(() => session.close());

  async function joinAndPublish(): Promise<void> {
    await session.join(ROOM, ' Ada ');
    await until(() => sent('participant.update').length > 0);
  }

  it('joins with the room and the trimmed name', async () => {
    await joinAndPublish();
    expect(sent('room.join')[0]?.payload).toEqual({ room: ROOM, name: 'Ada' });
    expect(session.phase().kind).toBe('joined');
  });

  it('connects ahead of the join when prepared, and joins over that same socket', async () => {
    session.prepare();
    expect(socketsCreated).toBe(1);
    expect(socket.sent).withContext('a prepared socket carries nothing yet').toEqual([]);
    await joinAndPublish();
    expect(socketsCreated).withContext('no second socket for the join').toBe(1);
    expect(sent('room.join').length).toBe(1);
  });

  it('publishes the microphone and the camera after joining', async () => {
    await joinAndPublish();
    const publish = sent('media.publish')[0]?.payload as { tracks: { source: string }[] };
    expect(publish.tracks.map((t) => t.source)).toEqual(['microphone', 'camera']);
  });

  it('takes the roster from the join result', async () => {
    await joinAndPublish();
    expect(participants.others().map((p) => p.name)).toEqual(['Bob']);
  });

  it('explains a refused join in words and stays in the lobby', async () => {
    joinReply = { ok: false, error: { code: 'room.full', message: 'full' } };
    await session.join(ROOM, 'Ada');
    expect(session.phase()).toEqual({ kind: 'failed', message: 'This meeting is full.' });
    expect(session.inCall()).toBeFalse();
  });

  it('joins as a viewer, publishing nothing, when no device works', async () => {
    devices.failures = { audio: 'NotFoundError', video: 'NotFoundError' };
    await joinAndPublish();
    expect(sent('media.publish')).toEqual([]);
    expect(publishers()).toEqual([]);
    expect(pcs.map((pc) => pc.closed)).withContext('only the subscriber prepared at the join, closed as no offer came').toEqual([true]);
  });

  it('answers a subscriber offer with its seq', async () => {
    await joinAndPublish();
    socket.fire('media.offer', { seq: 3, offer: { type: 'offer', sdp: 'janus-offer' }, streams: [] });
    await until(() => sent('media.answer').length === 1);
    expect(sent('media.answer')[0]?.payload).toEqual({ seq: 3, answer: { type: 'answer', sdp: 'answer-to-janus-offer' } });
  });

  it('removes someone who left from the roster at once', async () => {
    await joinAndPublish();
    socket.fire('participant.left', { participantId: 'bob', reason: 'left' });
    expect(participants.others()).toEqual([]);
  });

  it('announces a muted microphone and disables its track', async () => {
    await joinAndPublish();
    await TestBed.inject(CallPublishing).toggleMicrophone();
    expect(sent('participant.update').at(-1)?.payload).toEqual({ audioMuted: true, videoMuted: false });
    expect(TestBed.inject(LocalMedia).microphone().track?.enabled).toBeFalse();
  });

  it('turns the camera off with replaceTrack, without publishing again', async () => {
    await joinAndPublish();
    await TestBed.inject(CallPublishing).toggleCamera();
    const camera = publishers()[0]?.transceivers[1];
    expect(camera?.replaced).toEqual([null]);
    expect(sent('media.publish').length).toBe(1);
    expect(sent('participant.update').at(-1)?.payload).toEqual({ audioMuted: false, videoMuted: true });
  });

  it('on leave tells the gateway, closes both connections and stops the devices', async () => {
    await joinAndPublish();
    socket.fire('media.offer', { seq: 1, offer: { type: 'offer', sdp: 'janus-offer' }, streams: [] });
    await until(() => sent('media.answer').length === 1);
    await session.leave();
    expect(sent('room.leave').length).toBe(1);
    expect(pcs.every((pc) => pc.closed)).toBeTrue();
    expect(devices.handedOut.every((t) => t.readyState === 'ended')).toBeTrue();
    expect(session.phase().kind).toBe('left');
  });

  it('ends the call when the gateway ends the session', async () => {
    await joinAndPublish();
    socket.fire('session.ended', { reason: 'removed' });
    expect(session.phase()).toEqual({ kind: 'ended', reason: 'removed' });
    expect(pcs.every((pc) => pc.closed)).toBeTrue();
  });

  it('resumes with its session token when the socket comes back', async () => {
    await joinAndPublish();
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await until(() => sent('room.join').length === 2);
    expect(sent('room.join')[1]?.payload).toEqual({ room: ROOM, name: 'Ada', resumeToken: 'resume-me' });
  });

  it('tells joins$ about the join and again about the rejoin after a lost connection', async () => {
    const tokens: string[] = [];
    session.joins$.subscribe((result) => tokens.push(result.token));
    await joinAndPublish();
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await until(() => tokens.length === 2);
    expect(tokens).toEqual(['resume-me', 'resume-me']);
  });

  it('gives both connections, and any made later, the fresh TURN credentials the gateway pushes', async () => {
    await joinAndPublish();
    socket.fire('media.offer', { seq: 1, offer: { type: 'offer', sdp: 'janus-offer' }, streams: [] });
    await until(() => sent('media.answer').length === 1);
    const open = pcs.filter((pc) => !pc.closed);
    expect(open.length).withContext('the publisher and the subscriber').toBe(2);
    const fresh = [{ urls: ['turn:turn.example.org:3478'], username: '9999999999:me', credential: 'new' }];
    socket.fire('session.ice_servers', { iceServers: fresh });
    for (const pc of open) expect(pc.configuration.iceServers).toEqual([{ urls: ['turn:turn.example.org:3478'], username: '9999999999:me', credential: 'new' }]);
    expect(open[0]?.configuration.bundlePolicy).withContext('the rest of the configuration stays').toBe('max-bundle');

    const before = pcs.length;
    socket.fire('media.restart', {});
    await until(() => pcs.length === before + 1);
    expect(pcs.at(-1)?.configuration.iceServers).withContext('a connection made after the push').toEqual(open[0]?.configuration.iceServers);
  });

  it('publishes again on a new connection when the gateway says the SFU restarted', async () => {
    await joinAndPublish();
    const firstPublisher = publishers()[0];
    socket.fire('media.restart', {});
    await until(() => sent('media.publish').length === 2);
    expect(firstPublisher?.closed).toBeTrue();
    expect(publishers().length).toBe(2);
    expect(session.phase().kind).toBe('joined');
  });

  it('resumes on a fresh socket with its token when a connection fails mid-call, and shows the failure after three tries', async () => {
    await joinAndPublish();
    const failLatest = (): void => {
      const pc = pcs[pcs.length - 1];
      if (!pc) throw new Error('no peer connection');
      pc.connectionState = 'failed';
      pc.onconnectionstatechange?.();
      TestBed.tick();
    };
    for (let tries = 1; tries <= 3; tries++) {
      failLatest();
      await until(() => socketsCreated === tries + 1 && sent('participant.update').length > 0);
      expect(sent('room.join')[0]?.payload).withContext(`try ${tries}`).toEqual({ room: ROOM, name: 'Ada', resumeToken: 'resume-me' });
      expect(session.phase().kind).toBe('joined');
    }
    expect(pcs.slice(0, 6).every((pc) => pc.closed)).withContext('both connections of each failed try are closed').toBeTrue();

    failLatest();
    TestBed.tick();
    expect(socketsCreated).withContext('no fourth try').toBe(4);
    expect(session.status()).toEqual({ kind: 'failed', message: 'The audio and video connection failed.' });
  });

  it('resumes on a fresh socket when the gateway does not take a subscriber answer', async () => {
    await joinAndPublish();
    const reply = socket.reply;
    socket.reply = (event, payload) =>
      event === 'media.answer' ? Promise.resolve({ ok: false, error: { code: 'timeout', message: 'No answer' } }) : reply(event, payload);
    socket.fire('media.offer', { seq: 1, offer: { type: 'offer', sdp: 'janus-offer' }, streams: [] });
    await until(() => socketsCreated === 2 && sent('participant.update').length > 0);
    expect(sent('room.join')[0]?.payload).toEqual({ room: ROOM, name: 'Ada', resumeToken: 'resume-me' });
    expect(session.phase().kind).toBe('joined');
  });
});
