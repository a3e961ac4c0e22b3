import { TestBed } from '@angular/core/testing';
import { deferred, until } from '../../../testing/async';
import { FakeMediaDevices, fakeDeviceSet } from '../../../testing/media-fakes';
import type { DeviceOption } from './device-list';
import { DEVICE_STORAGE } from './device-preferences';
import { LocalMedia } from './local-media';
import { MEDIA_DEVICES } from './platform';

const USB_CAMERA: DeviceOption = { deviceId: 'cam-2', label: 'USB camera', browserLabel: 'USB camera' };
const HEADSET_MIC: DeviceOption = { deviceId: 'mic-2', label: 'Headset microphone', browserLabel: 'Headset microphone' };

/** LocalMedia's device choice: remembered devices at the joint start, and which device a switch goes to (LocalDevice's spec covers how). */
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

  it('switches the device of the kind asked for, leaving the other', async () => {
    await media().start();
    const microphone = media().microphone().track;
    const result = await media().useDevice('camera', USB_CAMERA);
    expect(deviceOf(result.track)).toBe('cam-2');
    expect(media().camera().track).toBe(result.track);
    expect(media().microphone().track).toBe(microphone);
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
});
