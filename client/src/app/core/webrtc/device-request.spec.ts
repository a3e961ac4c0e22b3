import { FakeMediaDevices } from '../../../testing/media-fakes';
import { DeviceRequest } from './device-request';

describe('DeviceRequest', () => {
  let devices: FakeMediaDevices;
  let camera: DeviceRequest;

  const deviceOf = (track: MediaStreamTrack | null | undefined) => track?.getSettings().deviceId;

  beforeEach(() => {
    devices = new FakeMediaDevices();
    camera = new DeviceRequest('camera', devices, { width: { ideal: 320 } });
  });

  afterEach(() => devices.handedOut.forEach((track) => track.stop()));

  it('adds the device id to the constraints only when there is one', () => {
    expect(camera.constraints(undefined)).toEqual({ width: { ideal: 320 } });
    expect(camera.constraints({ exact: 'cam-2' })).toEqual({ width: { ideal: 320 }, deviceId: { exact: 'cam-2' } });
  });

  it('does not ask for the default device when the remembered one is refused', async () => {
    devices.deviceFailures = { 'cam-2': 'NotAllowedError' };
    await expectAsync(camera.rememberedOrDefault({ ideal: 'cam-2' })).toBeRejectedWith(jasmine.objectContaining({ name: 'NotAllowedError' }));
    expect(devices.requests.length).toBe(1);
  });

  it('fails an exact request for a device that is not there, rather than open another', async () => {
    await expectAsync(camera.exact('cam-9', null)).toBeRejectedWith(jasmine.objectContaining({ name: 'OverconstrainedError' }));
    expect(devices.handedOut).toEqual([]);
  });

  it('does not stop the current track when the new device fails for another reason than being busy', async () => {
    const current = await camera.exact('cam-1', null);
    devices.deviceFailures = { 'cam-2': 'NotAllowedError' };
    await expectAsync(camera.exact('cam-2', current)).toBeRejected();
    expect(current.readyState).toBe('live');
  });

  it('cannot reopen a track that does not name its device', async () => {
    const unnamed = await camera.exact('cam-1', null);
    unnamed.getSettings = () => ({});
    expect(await camera.reopen(unnamed)).toBeNull();
  });

  it('reopens the device a stopped track came from', async () => {
    const stopped = await camera.exact('cam-2', null);
    stopped.stop();
    expect(deviceOf(await camera.reopen(stopped))).toBe('cam-2');
  });
});
