import { TestBed } from '@angular/core/testing';
import type { JoinResult, RoomId } from '@parley/protocol';
import { until } from '../../../testing/async';
import { FakePeerConnection } from '../../../testing/fake-peer-connection';
import { FakeSocket } from '../../../testing/fake-socket';
import { FakeMediaDevices } from '../../../testing/media-fakes';
import { participant } from '../../../testing/participants';
import { SignalingClient } from '../signaling/signaling-client';
import { SOCKET_FACTORY } from '../signaling/socket-factory';
import type { DeviceOption } from '../webrtc/device-list';
import { DEVICE_STORAGE } from '../webrtc/device-preferences';
import { LocalMedia } from '../webrtc/local-media';
import { MediaDeviceFailure } from '../webrtc/media-device-failure';
import { MEDIA_DEVICES, PEER_CONNECTION_FACTORY } from '../webrtc/platform';
import { CallPublishing } from './call-publishing';
import { CALL_PROVIDERS, CallSession } from './call-session';
import { ParticipantsStore } from './participants-store';

const ROOM = 'abcde-fghjk' as RoomId;
const USB_CAMERA: DeviceOption = { deviceId: 'cam-2', label: 'USB camera', browserLabel: 'USB camera' };
const HEADSET_MIC: DeviceOption = { deviceId: 'mic-2', label: 'Headset microphone', browserLabel: 'Headset microphone' };

/** Switching devices mid-call: replaceTrack on the publisher's sender, never a new offer. */
describe('CallPublishing device switch', () => {
  let socket: FakeSocket;
  let devices: FakeMediaDevices;
  let pcs: FakePeerConnection[];
  let session: CallSession;
  let media: LocalMedia;

  const me = participant('me', 'Ada');
  const joined: JoinResult = {
    room: ROOM,
    self: me,
    participants: [],
    token: 't',
    iceServers: [],
    meeting: { id: 'meeting-1', startedAt: 0 },
    chat: { messages: [], hasMore: false },
    settings: { locked: false, hasPassword: false, lobby: false },
    speakers: { activeSpeaker: null, speaking: [] },
  };
  const sent = (event: string) => socket.sent.filter((r) => r.event === event);
  /** The publisher makes offers; the subscriber prepared at the join only answers. */
  const publisherPc = () => pcs.find((pc) => pc.log.includes('createOffer')) as FakePeerConnection;
  const sender = (kind: 'audio' | 'video') => publisherPc().transceivers.find((t) => t.kind === kind);

  beforeEach(() => {
    pcs = [];
    devices = new FakeMediaDevices();
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        LocalMedia,
        ParticipantsStore,
        ...CALL_PROVIDERS,
        { provide: MEDIA_DEVICES, useValue: devices },
        { provide: DEVICE_STORAGE, useValue: null },
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
            socket = new FakeSocket(url, options);
            socket.reply = (event, payload) => {
              if (event === 'room.join') return Promise.resolve({ ok: true, data: joined });
              if (event === 'media.publish') return Promise.resolve({ ok: true, data: { answer: { type: 'answer', sdp: 'janus-answer' } } });
              if (event === 'participant.update') return Promise.resolve({ ok: true, data: { ...me, ...(payload as object) } });
              return Promise.resolve({ ok: true, data: {} });
            };
            return socket.asSocket();
          },
        },
      ],
    });
    session = TestBed.inject(CallSession);
    media = TestBed.inject(LocalMedia);
  });

  afterEach(() => session.close());

  async function joinAndPublish(): Promise<void> {
    await session.join(ROOM, 'Ada');
    await until(() => sent('participant.update').length > 0);
  }

  it('replaces the camera on the video sender, stops the old track and makes no new offer', async () => {
    await joinAndPublish();
    const old = media.camera().track;
    const offersBefore = publisherPc().log.filter((l) => l === 'createOffer').length;

    expect(await TestBed.inject(CallPublishing).useDevice('camera', USB_CAMERA)).toBeNull();

    const camera = media.camera().track;
    expect(camera?.getSettings().deviceId).toBe('cam-2');
    expect(sender('video')?.replaced).toEqual([camera]);
    expect(sender('audio')?.replaced).toEqual([]);
    expect(old?.readyState).toBe('ended');
    expect(publisherPc().log.filter((l) => l === 'createOffer').length).toBe(offersBefore);
    expect(sent('media.publish').length).toBe(1);
    expect(pcs.filter((pc) => pc.log.includes('createOffer')).length).withContext('no second publisher').toBe(1);
  });

  it('replaces the microphone on the audio sender only', async () => {
    await joinAndPublish();
    const old = media.microphone().track;
    await TestBed.inject(CallPublishing).useDevice('microphone', HEADSET_MIC);
    expect(sender('audio')?.replaced).toEqual([media.microphone().track]);
    expect(sender('video')?.replaced).toEqual([]);
    expect(old?.readyState).toBe('ended');
    expect(sent('media.publish').length).toBe(1);
  });

  it('keeps the old camera when the new one cannot start, and says why', async () => {
    await joinAndPublish();
    devices.deviceFailures = { 'cam-2': 'NotAllowedError' };
    const old = media.camera().track;
    expect(await TestBed.inject(CallPublishing).useDevice('camera', USB_CAMERA)).toBe(MediaDeviceFailure.PermissionDenied);
    expect(sender('video')?.replaced).toEqual([]);
    expect(old?.readyState).toBe('live');
    expect(session.phase().kind).toBe('joined');
  });

  it('reopens the old camera when the new one is taken even after letting go of the old', async () => {
    await joinAndPublish();
    devices.deviceFailures = { 'cam-2': 'NotReadableError' };
    expect(await TestBed.inject(CallPublishing).useDevice('camera', USB_CAMERA)).toBe(MediaDeviceFailure.DeviceInUse);
    const sending = sender('video')?.sender.track;
    expect(sending?.readyState).toBe('live');
    expect(sending?.getSettings().deviceId).toBe('cam-1');
    expect(media.camera().failure).toBeNull();
  });

  it('publishes a microphone chosen after the first one failed (the only case that negotiates)', async () => {
    devices.deviceFailures = { 'mic-1': 'NotReadableError' };
    await joinAndPublish();
    const tracks = (sent('media.publish')[0]?.payload as { tracks: { source: string }[] }).tracks;
    expect(tracks.map((t) => t.source)).toEqual(['camera']);
    await TestBed.inject(CallPublishing).useDevice('microphone', HEADSET_MIC);
    await until(() => sent('media.publish').length === 2);
    expect(media.sendingAudio()).toBeTrue();
    expect(sent('participant.update').at(-1)?.payload).toEqual({ audioMuted: false, videoMuted: false });
  });
});
