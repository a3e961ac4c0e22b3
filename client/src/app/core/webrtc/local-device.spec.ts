import { deferred } from '../../../testing/async';
import { FakeMediaDevices } from '../../../testing/media-fakes';
import { foldDevices, type DeviceOption, type DevicePurpose } from './device-list';
import type { RememberedDevice } from './device-preferences';
import { LocalDevice, type LocalDeviceOptions } from './local-device';
import { MediaDeviceFailure } from './media-device-failure';

const USB_CAMERA: DeviceOption = { deviceId: 'cam-2', label: 'USB camera', browserLabel: 'USB camera' };
const DESK_MIC: DeviceOption = { deviceId: 'mic-1', label: 'Desk microphone', browserLabel: 'Desk microphone' };
const HEADSET_MIC: DeviceOption = { deviceId: 'mic-2', label: 'Headset microphone', browserLabel: 'Headset microphone' };
const CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 320 } };

describe('LocalDevice', () => {
  let devices: FakeMediaDevices;
  let remembered: Map<DevicePurpose, RememberedDevice>;
  let opened: LocalDevice[];

  const deviceOf = (track: MediaStreamTrack | null | undefined) => track?.getSettings().deviceId;
  const live = (kind: 'audio' | 'video') => devices.handedOut.filter((t) => t.kind === kind && t.readyState === 'live');

  /** A device of the generic kind (a microphone that is turned off by disabling) unless `options` says otherwise. */
  function device(options: Partial<Pick<LocalDeviceOptions, 'kind' | 'off'>> = {}): LocalDevice {
    const kind = options.kind ?? 'microphone';
    const made = new LocalDevice({
      kind,
      off: options.off ?? (kind === 'camera' ? 'stop' : 'disable'),
      constraints: CONSTRAINTS,
      devices,
      preferences: {
        get: (purpose) => remembered.get(purpose) ?? null,
        remember: (purpose, option) => void remembered.set(purpose, { deviceId: option.deviceId, label: option.browserLabel }),
      },
      listed: () => foldDevices(devices.devices)[kind],
    });
    opened.push(made);
    return made;
  }

  async function started(options: Partial<Pick<LocalDeviceOptions, 'kind' | 'off'>> = {}): Promise<LocalDevice> {
    const made = device(options);
    await made.acquire(made.claim());
    return made;
  }

  beforeEach(() => {
    devices = new FakeMediaDevices();
    remembered = new Map();
    opened = [];
  });

  afterEach(() => opened.forEach((d) => d.close()));

  describe('for any kind', () => {
    it('acquires the browser’s default device when nothing is remembered', async () => {
      const mic = await started();
      expect((devices.requests[0]?.audio as MediaTrackConstraints).deviceId).toBeUndefined();
      expect(deviceOf(mic.state().track)).toBe('mic-1');
      expect(mic.state().failure).toBeNull();
    });

    it('acquires the remembered device, asked for as ideal', async () => {
      remembered.set('microphone', { deviceId: 'mic-2', label: 'Headset microphone' });
      const mic = await started();
      expect((devices.requests[0]?.audio as MediaTrackConstraints).deviceId).toEqual({ ideal: 'mic-2' });
      expect(deviceOf(mic.state().track)).toBe('mic-2');
    });

    it('falls back to the default device when the remembered one is taken by another app, still remembering it', async () => {
      remembered.set('microphone', { deviceId: 'mic-2', label: 'Headset microphone' });
      devices.deviceFailures = { 'mic-2': 'NotReadableError' };
      spyOn(console, 'warn');
      const mic = await started();
      expect(deviceOf(mic.state().track)).toBe('mic-1');
      expect(mic.state().failure).toBeNull();
      expect(remembered.get('microphone')?.deviceId).toBe('mic-2');
    });

    it('says why it could not be acquired', async () => {
      devices.failures = { audio: 'NotFoundError' };
      const mic = await started();
      expect(mic.state()).toEqual({ track: null, failure: MediaDeviceFailure.NotFound });
    });

    it('stops a result whose attempt is no longer the latest', async () => {
      const getUserMedia = devices.getUserMedia.bind(devices);
      const firstAnswer = deferred<void>();
      spyOn(devices, 'getUserMedia').and.callFake(async (constraints) => {
        if (!((constraints?.audio ?? {}) as MediaTrackConstraints).deviceId) await firstAnswer.promise;
        return getUserMedia(constraints);
      });
      const mic = device();
      const acquiring = mic.acquire(mic.claim());
      await mic.useDevice(HEADSET_MIC);
      firstAnswer.resolve();
      await acquiring;
      expect(deviceOf(mic.state().track)).toBe('mic-2');
      expect(live('audio')).toEqual([mic.state().track as MediaStreamTrack]);
    });

    it('retries only when it has no track', async () => {
      devices.failures = { audio: 'NotReadableError' };
      const mic = await started();
      devices.failures = {};
      const track = await mic.retry();
      expect(track).toBe(mic.state().track);
      expect(deviceOf(track)).toBe('mic-1');
      const requests = devices.requests.length;
      expect(await mic.retry()).toBe(track);
      expect(devices.requests.length).toBe(requests);
    });

    it('forgets a track that ends (unplugged or revoked) and says so', async () => {
      const mic = await started();
      mic.state().track?.dispatchEvent(new Event('ended'));
      expect(mic.state()).toEqual({ track: null, failure: MediaDeviceFailure.Other });
    });

    it('switches by exact id, handing the new track over before stopping the old', async () => {
      const mic = await started();
      const old = mic.state().track;
      let oldStateAtHandOver = '';
      const result = await mic.useDevice(HEADSET_MIC, (track) => {
        oldStateAtHandOver = old?.readyState ?? '';
        expect(track).toBe(mic.state().track as MediaStreamTrack);
        return Promise.resolve();
      });
      expect((devices.requests[1]?.audio as MediaTrackConstraints).deviceId).toEqual({ exact: 'mic-2' });
      expect(oldStateAtHandOver).toBe('live');
      expect(old?.readyState).toBe('ended');
      expect(deviceOf(result.track)).toBe('mic-2');
      expect(result.failure).toBeNull();
    });

    it('remembers a successful switch for next time', async () => {
      const mic = await started();
      await mic.useDevice(HEADSET_MIC);
      expect(remembered.get('microphone')).toEqual({ deviceId: 'mic-2', label: 'Headset microphone' });
    });

    it('keeps the current device working when the chosen one cannot start, and says why', async () => {
      const mic = await started();
      const old = mic.state().track;
      devices.deviceFailures = { 'mic-2': 'NotAllowedError' };
      const result = await mic.useDevice(HEADSET_MIC);
      expect(result).toEqual({ track: null, failure: MediaDeviceFailure.PermissionDenied });
      expect(mic.state().track).toBe(old);
      expect(old?.readyState).toBe('live');
      expect(remembered.has('microphone')).toBeFalse();
    });

    it('stops the current device and tries again when the new one is busy (phones open one camera at a time)', async () => {
      const mic = await started();
      const old = mic.state().track;
      const getUserMedia = devices.getUserMedia.bind(devices);
      let busy = true;
      spyOn(devices, 'getUserMedia').and.callFake((constraints) => {
        if (busy && old?.readyState === 'live') return Promise.reject(new DOMException('in use', 'NotReadableError'));
        busy = false;
        return getUserMedia(constraints);
      });
      const result = await mic.useDevice(HEADSET_MIC);
      expect(old?.readyState).toBe('ended');
      expect(deviceOf(result.track)).toBe('mic-2');
    });

    it('reopens the current device when the busy retry stopped it and the new one still fails', async () => {
      const mic = await started();
      devices.deviceFailures = { 'mic-2': 'NotReadableError' };
      const result = await mic.useDevice(HEADSET_MIC);
      expect(result.failure).toBe(MediaDeviceFailure.DeviceInUse);
      expect(deviceOf(result.track)).toBe('mic-1');
      expect(mic.state()).toEqual({ track: result.track, failure: null });
      expect(live('audio')).toEqual([result.track as MediaStreamTrack]);
      expect(remembered.has('microphone')).toBeFalse();
    });

    it('replaces a failed device with a chosen one that works', async () => {
      devices.deviceFailures = { 'mic-1': 'NotReadableError' };
      const mic = await started();
      expect(mic.state().failure).toBe(MediaDeviceFailure.DeviceInUse);
      await mic.useDevice(HEADSET_MIC);
      expect(mic.state().failure).toBeNull();
      expect(deviceOf(mic.state().track)).toBe('mic-2');
    });

    it('resolves the remembered device by its label when its id changed', () => {
      remembered.set('microphone', { deviceId: 'id-from-last-session', label: 'Desk microphone' });
      expect(device().rememberedConstraints([DESK_MIC, HEADSET_MIC]).deviceId).toEqual({ ideal: 'mic-1' });
    });

    it('stops its track on close, once, and discards what arrives later', async () => {
      const mic = await started();
      const track = mic.state().track;
      const late = mic.claim();
      mic.close();
      mic.close();
      expect(track?.readyState).toBe('ended');
      expect(mic.state()).toEqual({ track: null, failure: null });
      await mic.acquire(late);
      expect(mic.state().track).toBeNull();
      expect(live('audio')).toEqual([]);
    });
  });

  describe('by kind', () => {
    it('asks a camera for video with its constraints, a microphone for audio', async () => {
      const camera = await started({ kind: 'camera' });
      const mic = await started({ kind: 'microphone' });
      expect(devices.requests.map((r) => Object.keys(r))).toEqual([['video'], ['audio']]);
      expect(devices.requests[0]?.video).toEqual(CONSTRAINTS);
      expect(camera.state().track?.kind).toBe('video');
      expect(mic.state().track?.kind).toBe('audio');
    });
  });

  describe('turned off by disabling (the microphone)', () => {
    it('mutes by disabling the track, keeping it live', async () => {
      const mic = await started();
      await mic.setOn(false);
      expect(mic.on()).toBeFalse();
      expect(mic.state().track?.enabled).toBeFalse();
      expect(mic.state().track?.readyState).toBe('live');
    });

    it('applies the choice before its promise settles', async () => {
      const mic = await started();
      void mic.setOn(false);
      expect(mic.state().track?.enabled).toBeFalse();
    });

    it('does not acquire when turned on without a track', async () => {
      devices.failures = { audio: 'NotReadableError' };
      const mic = await started();
      await mic.setOn(false);
      expect(await mic.setOn(true)).toBeNull();
      expect(devices.requests.length).toBe(1);
    });

    it('keeps a muted device muted on the new device', async () => {
      const mic = await started();
      await mic.setOn(false);
      const { track } = await mic.useDevice(HEADSET_MIC);
      expect(track?.enabled).toBeFalse();
    });
  });

  describe('turned off by stopping (the camera)', () => {
    it('stops the track when turned off', async () => {
      const camera = await started({ kind: 'camera' });
      const track = camera.state().track;
      expect(await camera.setOn(false)).toBeNull();
      expect(track?.readyState).toBe('ended');
      expect(camera.state()).toEqual({ track: null, failure: null });
    });

    it('acquires a fresh track when turned back on', async () => {
      const camera = await started({ kind: 'camera' });
      const first = camera.state().track;
      await camera.setOn(false);
      const second = await camera.setOn(true);
      expect(second).not.toBeNull();
      expect(second).not.toBe(first);
      expect(camera.state().track).toBe(second);
    });

    it('discards a track that arrives after it was turned off again', async () => {
      const camera = await started({ kind: 'camera' });
      await camera.setOn(false);
      const turningOn = camera.setOn(true);
      await camera.setOn(false);
      expect(await turningOn).toBeNull();
      expect(devices.handedOut.at(-1)?.readyState).toBe('ended');
      expect(camera.state().track).toBeNull();
    });

    it('stops a track acquired while off (a joint start after the person turned it off)', async () => {
      const camera = device({ kind: 'camera' });
      await camera.setOn(false);
      await camera.acquire(camera.claim());
      expect(camera.state().track).toBeNull();
      expect(devices.handedOut.length).toBe(1);
      expect(live('video')).toEqual([]);
    });

    it('only remembers a device chosen while off, and turning on uses it', async () => {
      const camera = await started({ kind: 'camera' });
      await camera.setOn(false);
      const requests = devices.requests.length;
      expect(await camera.useDevice(USB_CAMERA)).toEqual({ track: null, failure: null });
      expect(devices.requests.length).toBe(requests);
      expect(deviceOf(await camera.setOn(true))).toBe('cam-2');
    });
  });
});
