import { TestBed } from '@angular/core/testing';
import { until } from '../../../testing/async';
import { FakeMediaDevices } from '../../../testing/media-fakes';
import { AUDIO_OUTPUT_SUPPORTED, AudioOutput } from './audio-output';
import { DeviceList } from './device-list';
import { DEVICE_STORAGE } from './device-preferences';
import { MEDIA_DEVICES } from './platform';

describe('AudioOutput', () => {
  let devices: FakeMediaDevices;

  function setUp(supported: boolean): AudioOutput {
    devices = new FakeMediaDevices();
    TestBed.configureTestingModule({
      providers: [
        { provide: MEDIA_DEVICES, useValue: devices },
        { provide: DEVICE_STORAGE, useValue: null },
        { provide: AUDIO_OUTPUT_SUPPORTED, useValue: supported },
      ],
    });
    return TestBed.inject(AudioOutput);
  }

  const headset = { deviceId: 'spk-2', label: 'Headset earphones', browserLabel: 'Headset earphones' };

  it('plays through the system default until a speaker is chosen', () => {
    expect(setUp(true).deviceId()).toBe('');
  });

  it('plays through the chosen speaker while it is connected', async () => {
    const output = setUp(true);
    await until(() => TestBed.inject(DeviceList).lists().speaker.length === 2);
    output.choose(headset);
    expect(output.deviceId()).toBe('spk-2');
  });

  it('falls back to the default when the chosen speaker is unplugged', async () => {
    const output = setUp(true);
    output.choose(headset);
    await until(() => output.deviceId() === 'spk-2');
    devices.changeDevices(devices.devices.filter((d) => d.deviceId !== 'spk-2'));
    await until(() => output.deviceId() === '');
    expect(output.deviceId()).toBe('');
  });

  it('routes an element with setSinkId', async () => {
    const output = setUp(true);
    const element = document.createElement('audio');
    const setSinkId = spyOn(element as HTMLAudioElement & { setSinkId(id: string): Promise<void> }, 'setSinkId').and.resolveTo();
    await output.route(element, 'spk-2');
    expect(setSinkId).toHaveBeenCalledOnceWith('spk-2');
  });

  it('leaves elements alone where the browser cannot choose an output', async () => {
    const output = setUp(false);
    const element = document.createElement('audio');
    const setSinkId = spyOn(element as HTMLAudioElement & { setSinkId(id: string): Promise<void> }, 'setSinkId').and.resolveTo();
    output.choose(headset);
    await output.route(element, 'spk-2');
    expect(setSinkId).not.toHaveBeenCalled();
    expect(output.deviceId()).toBe('');
  });
});
