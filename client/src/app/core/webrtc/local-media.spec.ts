import { TestBed } from '@angular/core/testing';
import { FakeMediaDevices } from '../../../testing/media-fakes';
import { VIDEO_CONSTRAINTS } from '../config/media-config';
import { LocalMedia } from './local-media';
import { MediaDeviceFailure } from './media-device-failure';
import { MEDIA_DEVICES } from './platform';

describe('LocalMedia', () => {
  let devices: FakeMediaDevices;
  let media: LocalMedia;

  beforeEach(() => {
    devices = new FakeMediaDevices();
    TestBed.configureTestingModule({
      providers: [
        LocalMedia,
        { provide: MEDIA_DEVICES, useValue: devices },
        { provide: VIDEO_CONSTRAINTS, useValue: { width: { ideal: 320 }, height: { ideal: 180 } } },
      ],
    });
    media = TestBed.inject(LocalMedia);
  });

  afterEach(() => media.close());

  it('acquires camera and microphone with one request', async () => {
    await media.start();
    expect(devices.requests.length).toBe(1);
    expect(media.microphone().track?.kind).toBe('audio');
    expect(media.camera().track?.kind).toBe('video');
  });

  it('asks the camera for the injected video constraints', async () => {
    await media.start();
    expect(devices.requests[0]?.video).toEqual({ width: { ideal: 320 }, height: { ideal: 180 } });
  });

  it('keeps the microphone when only the camera is missing, and says why', async () => {
    devices.failures = { video: 'NotFoundError' };
    await media.start();
    expect(media.microphone().track).not.toBeNull();
    expect(media.camera()).toEqual({ track: null, failure: MediaDeviceFailure.NotFound });
  });

  it('reports both devices denied when permission is refused', async () => {
    devices.failures = { audio: 'NotAllowedError', video: 'NotAllowedError' };
    await media.start();
    expect(media.microphone().failure).toBe(MediaDeviceFailure.PermissionDenied);
    expect(media.camera().failure).toBe(MediaDeviceFailure.PermissionDenied);
  });

  it('mutes by disabling the microphone track, keeping it live', async () => {
    await media.start();
    media.setMicrophoneOn(false);
    expect(media.microphone().track?.enabled).toBeFalse();
    expect(media.microphone().track?.readyState).toBe('live');
    expect(media.sendingAudio()).toBeFalse();
  });

  it('stops the camera track when the camera is turned off', async () => {
    await media.start();
    const track = media.camera().track;
    await media.setCameraOn(false);
    expect(track?.readyState).toBe('ended');
    expect(media.sendingVideo()).toBeFalse();
  });

  it('acquires a fresh camera track when the camera is turned back on', async () => {
    await media.start();
    const first = media.camera().track;
    await media.setCameraOn(false);
    const second = await media.setCameraOn(true);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(media.sendingVideo()).toBeTrue();
  });

  it('discards a camera that arrives after the camera was turned off again', async () => {
    await media.start();
    await media.setCameraOn(false);
    const turningOn = media.setCameraOn(true);
    await media.setCameraOn(false);
    expect(await turningOn).toBeNull();
    expect(devices.handedOut.at(-1)?.readyState).toBe('ended');
    expect(media.camera().track).toBeNull();
  });

  it('stops every track on close, once', async () => {
    await media.start();
    media.close();
    media.close();
    expect(devices.handedOut.every((t) => t.readyState === 'ended')).toBeTrue();
  });
});
