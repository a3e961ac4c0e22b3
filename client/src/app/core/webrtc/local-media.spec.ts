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

  it('sends audio only while the microphone is on, and video only while the camera is on', async () => {
    await media.start();
    expect(media.sendingAudio()).toBeTrue();
    expect(media.sendingVideo()).toBeTrue();
    media.setMicrophoneOn(false);
    expect(media.microphone().track?.enabled).toBeFalse();
    expect(media.sendingAudio()).toBeFalse();
    await media.setCameraOn(false);
    expect(media.camera().track).toBeNull();
    expect(media.sendingVideo()).toBeFalse();
    expect(await media.setCameraOn(true)).toBe(media.camera().track);
    expect(media.sendingVideo()).toBeTrue();
  });

  it('stops every track on close, once', async () => {
    await media.start();
    media.close();
    media.close();
    expect(devices.handedOut.every((t) => t.readyState === 'ended')).toBeTrue();
  });
});
