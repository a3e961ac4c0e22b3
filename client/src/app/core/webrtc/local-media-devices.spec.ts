import { TestBed } from '@angular/core/testing';
import { deferred, until } from '../../../testing/async';
import { FakeMediaDevices, fakeDeviceSet } from '../../../testing/media-fakes';
import type { DeviceOption } from './device-list';
import { DEVICE_STORAGE, DevicePreferences } from './device-preferences';
import { LocalMedia } from './local-media';
import { MediaDeviceFailure } from './media-device-failure';
import { MEDIA_DEVICES } from './platform';

const USB_CAMERA: DeviceOption = { deviceId: 'cam-2', label: 'USB camera', browserLabel: 'USB camera' };
const HEADSET_MIC: DeviceOption = { deviceId: 'mic-2', label: 'Headset microphone', browserLabel: 'Headset microphone' };

/** LocalMedia's device choice: remembered devices at start, and switching. */
describe('LocalMedia device choice', () => {
  let devices: FakeMediaDevices;
  let stored: Map<string, string>;

  const deviceOf = (track: MediaStreamTrack | null | undefined) => track?.getSettings().deviceId;
  const requestedId = (i: number, kind: 'audio' | 'video') => (devices.requests[i]?.[kind] as MediaTrackConstraints | undefined)?.deviceId;

  function media(): LocalMedia {
    return TestBed.inject(LocalMedia);
  }

  beforeEach(() => {
    devices = new FakeMediaDevices();
    stored = new Map();
    TestBed.configureTestingModule({
      providers: [
        LocalMedia,
        { provide: MEDIA_DEVICES, useValue: devices },
        { provide: DEVICE_STORAGE, useValue: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) } },
      ],
    });
  });

  afterEach(() => media().close());

  function remember(value: object): void {
    stored.set('parley.devices', JSON.stringify(value));
  }

  it('starts with the browser’s default devices when nothing is remembered', async () => {
    await media().start();
    expect(requestedId(0, 'video')).toBeUndefined();
    expect(deviceOf(media().camera().track)).toBe('cam-1');
  });

  it('starts with the remembered camera, asked for as ideal so a missing one costs nothing', async () => {
    remember({ camera: { deviceId: 'cam-2', label: 'USB camera' } });
    await media().start();
    expect(requestedId(0, 'video')).toEqual({ ideal: 'cam-2' });
    expect(deviceOf(media().camera().track)).toBe('cam-2');
  });

  it('finds a remembered camera by its label when its id changed', async () => {
    remember({ camera: { deviceId: 'id-from-last-session', label: 'USB camera' } });
    await media().start();
    expect(deviceOf(media().camera().track)).toBe('cam-2');
  });

  it('finds a remembered device by label once permission reveals the names', async () => {
    const named = fakeDeviceSet();
    // Before permission the browser lists devices without names.
    devices.devices = named.map((d) => ({ ...d, label: '' }));
    remember({ camera: { deviceId: 'id-from-last-session', label: 'USB camera' } });
    const getUserMedia = devices.getUserMedia.bind(devices);
    spyOn(devices, 'getUserMedia').and.callFake((constraints) => {
      devices.devices = named;
      return getUserMedia(constraints);
    });
    await media().start();
    expect(deviceOf(media().camera().track)).toBe('cam-2');
    expect(devices.handedOut.filter((t) => t.kind === 'video' && t.readyState === 'live').length).toBe(1);
  });

  it('falls back to the default camera when the remembered one is taken by another app', async () => {
    remember({ camera: { deviceId: 'cam-2', label: 'USB camera' } });
    devices.deviceFailures = { 'cam-2': 'NotReadableError' };
    spyOn(console, 'warn');
    await media().start();
    expect(deviceOf(media().camera().track)).toBe('cam-1');
    expect(media().camera().failure).toBeNull();
    expect(TestBed.inject(DevicePreferences).get('camera')?.deviceId).toBe('cam-2');
  });

  it('switches the camera by exact id, handing the new track over before stopping the old', async () => {
    await media().start();
    const old = media().camera().track;
    let oldStateAtHandOver = '';
    const result = await media().useDevice('camera', USB_CAMERA, (track) => {
      oldStateAtHandOver = old?.readyState ?? '';
      expect(track).toBe(media().camera().track as MediaStreamTrack);
      return Promise.resolve();
    });
    expect(requestedId(1, 'video')).toEqual({ exact: 'cam-2' });
    expect(oldStateAtHandOver).toBe('live');
    expect(old?.readyState).toBe('ended');
    expect(deviceOf(result.track)).toBe('cam-2');
    expect(result.failure).toBeNull();
  });

  it('remembers a successful switch for next time', async () => {
    await media().start();
    await media().useDevice('microphone', HEADSET_MIC);
    expect(TestBed.inject(DevicePreferences).get('microphone')).toEqual({ deviceId: 'mic-2', label: 'Headset microphone' });
  });

  it('keeps a muted microphone muted on the new device', async () => {
    await media().start();
    media().setMicrophoneOn(false);
    const { track } = await media().useDevice('microphone', HEADSET_MIC);
    expect(track?.enabled).toBeFalse();
    expect(media().sendingAudio()).toBeFalse();
  });

  it('keeps the current camera working when the chosen one cannot start, and says why', async () => {
    await media().start();
    const old = media().camera().track;
    devices.deviceFailures = { 'cam-2': 'NotAllowedError' };
    const result = await media().useDevice('camera', USB_CAMERA);
    expect(result).toEqual({ track: null, failure: MediaDeviceFailure.PermissionDenied });
    expect(media().camera().track).toBe(old);
    expect(old?.readyState).toBe('live');
    expect(TestBed.inject(DevicePreferences).get('camera')).toBeNull();
  });

  it('stops the current camera and tries again when the new one is busy (phones open one camera at a time)', async () => {
    await media().start();
    const old = media().camera().track;
    const getUserMedia = devices.getUserMedia.bind(devices);
    let busy = true;
    spyOn(devices, 'getUserMedia').and.callFake((constraints) => {
      if (busy && old?.readyState === 'live') return Promise.reject(new DOMException('in use', 'NotReadableError'));
      busy = false;
      return getUserMedia(constraints);
    });
    const result = await media().useDevice('camera', USB_CAMERA);
    expect(old?.readyState).toBe('ended');
    expect(deviceOf(result.track)).toBe('cam-2');
  });

  it('keeps a microphone chosen while the first acquisition is still under way, stopping the late one', async () => {
    const getUserMedia = devices.getUserMedia.bind(devices);
    const firstAnswer = deferred<void>();
    spyOn(devices, 'getUserMedia').and.callFake(async (constraints) => {
      const exact = ((constraints?.audio ?? {}) as MediaTrackConstraints).deviceId;
      if (!exact) await firstAnswer.promise; // the permission prompt is still open
      return getUserMedia(constraints);
    });
    const starting = media().start();
    await until(() => (devices.getUserMedia as jasmine.Spy).calls.count() > 0);
    await media().useDevice('microphone', HEADSET_MIC);
    firstAnswer.resolve();
    await starting;
    expect(deviceOf(media().microphone().track)).toBe('mic-2');
    const live = devices.handedOut.filter((t) => t.kind === 'audio' && t.readyState === 'live');
    expect(live).toEqual([media().microphone().track as MediaStreamTrack]);
  });

  it('only remembers the camera while it is off, and turning it on uses that camera', async () => {
    await media().start();
    await media().setCameraOn(false);
    const requests = devices.requests.length;
    const result = await media().useDevice('camera', USB_CAMERA);
    expect(result.track).toBeNull();
    expect(devices.requests.length).toBe(requests);
    const track = await media().setCameraOn(true);
    expect(deviceOf(track)).toBe('cam-2');
  });

  it('replaces a failed camera with a chosen one that works', async () => {
    devices.deviceFailures = { 'cam-1': 'NotReadableError' };
    await media().start();
    expect(media().camera().failure).toBe(MediaDeviceFailure.DeviceInUse);
    await media().useDevice('camera', USB_CAMERA);
    expect(media().camera().failure).toBeNull();
    expect(deviceOf(media().camera().track)).toBe('cam-2');
  });
});
