import { TestBed } from '@angular/core/testing';
import { deferred, until } from '../../../testing/async';
import { FakeMediaDevices, fakeDeviceSet } from '../../../testing/media-fakes';
import { DeviceList, foldDevices, type DeviceInfo } from './device-list';
import { MEDIA_DEVICES } from './platform';

const info = (kind: MediaDeviceKind, deviceId: string, label = ''): DeviceInfo => ({ kind, deviceId, label });

describe('foldDevices', () => {
  it('sorts devices into microphones, cameras and speakers, in the browser’s order', () => {
    const lists = foldDevices([
      info('videoinput', 'c1', 'Built-in camera'),
      info('audioinput', 'm1', 'Desk microphone'),
      info('audiooutput', 's1', 'Speakers'),
      info('audioinput', 'm2', 'Headset'),
    ]);
    expect(lists.microphone.map((o) => o.label)).toEqual(['Desk microphone', 'Headset']);
    expect(lists.camera.map((o) => o.deviceId)).toEqual(['c1']);
    expect(lists.speaker.map((o) => o.deviceId)).toEqual(['s1']);
    expect(lists.labelsHidden).toBeFalse();
  });

  it('names unnamed devices "Camera 1", "Camera 2" and says labels are hidden', () => {
    const lists = foldDevices([info('videoinput', 'a'), info('videoinput', 'b')]);
    expect(lists.camera.map((o) => o.label)).toEqual(['Camera 1', 'Camera 2']);
    expect(lists.camera.map((o) => o.browserLabel)).toEqual(['', '']);
    expect(lists.labelsHidden).toBeTrue();
  });

  it('drops the id-less placeholders browsers list before permission', () => {
    const lists = foldDevices([info('audioinput', ''), info('videoinput', '')]);
    expect(lists.microphone).toEqual([]);
    expect(lists.camera).toEqual([]);
    expect(lists.labelsHidden).toBeTrue();
  });

  it('shows a device listed twice once', () => {
    const lists = foldDevices([info('audioinput', 'm1', 'Mic'), info('audioinput', 'm1', 'Mic')]);
    expect(lists.microphone.length).toBe(1);
  });
});

describe('DeviceList', () => {
  let devices: FakeMediaDevices;

  beforeEach(() => {
    devices = new FakeMediaDevices();
    TestBed.configureTestingModule({ providers: [{ provide: MEDIA_DEVICES, useValue: devices }] });
  });

  it('lists the devices once created', async () => {
    const list = TestBed.inject(DeviceList);
    await until(() => list.lists().camera.length === 2);
    expect(list.lists().camera.map((o) => o.label)).toEqual(['Built-in camera', 'USB camera']);
  });

  it('folds the new list in when a device is plugged in (devicechange)', async () => {
    const list = TestBed.inject(DeviceList);
    await until(() => list.lists().microphone.length === 2);
    devices.changeDevices([...fakeDeviceSet(), { kind: 'audioinput', deviceId: 'mic-3', label: 'USB headset', groupId: 'g' }]);
    await until(() => list.lists().microphone.length === 3);
    expect(list.lists().microphone.at(-1)?.label).toBe('USB headset');
  });

  it('drops an unplugged device on devicechange', async () => {
    const list = TestBed.inject(DeviceList);
    await until(() => list.lists().camera.length === 2);
    devices.changeDevices(fakeDeviceSet().filter((d) => d.deviceId !== 'cam-2'));
    await until(() => list.lists().camera.length === 1);
    expect(list.lists().camera[0]?.deviceId).toBe('cam-1');
  });

  it('keeps the latest enumeration when an older one resolves after it', async () => {
    const list = TestBed.inject(DeviceList);
    await until(() => list.lists().camera.length === 2);
    const slow = deferred<MediaDeviceInfo[]>();
    spyOn(devices, 'enumerateDevices').and.returnValues(
      slow.promise,
      Promise.resolve(fakeDeviceSet().slice(0, 1) as unknown as MediaDeviceInfo[]),
    );
    const older = list.refresh();
    await list.refresh();
    slow.resolve(fakeDeviceSet() as unknown as MediaDeviceInfo[]);
    await older;
    expect(list.lists().microphone.length).toBe(1);
    expect(list.lists().camera.length).toBe(0);
  });

  it('offers nothing, without failing, when the browser cannot list devices', async () => {
    spyOn(devices, 'enumerateDevices').and.rejectWith(new DOMException('nope', 'NotSupportedError'));
    spyOn(console, 'warn');
    const list = TestBed.inject(DeviceList);
    expect((await list.refresh()).camera).toEqual([]);
  });
});
