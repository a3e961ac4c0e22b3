import { ComponentFixture, TestBed } from '@angular/core/testing';
import { until } from '../../testing/async';
import { FakeMediaDevices, fakeDeviceSet } from '../../testing/media-fakes';
import { SignalingClient } from '../core/signaling/signaling-client';
import { AUDIO_OUTPUT_SUPPORTED, AudioOutput } from '../core/webrtc/audio-output';
import { DEVICE_STORAGE } from '../core/webrtc/device-preferences';
import { LocalMedia } from '../core/webrtc/local-media';
import { MEDIA_DEVICES } from '../core/webrtc/platform';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { DevicePickers } from './device-pickers';

describe('DevicePickers', () => {
  let fixture: ComponentFixture<DevicePickers>;
  let devices: FakeMediaDevices;
  let media: LocalMedia;

  const element = () => fixture.nativeElement as HTMLElement;
  const labels = () => Array.from(element().querySelectorAll('label')).map((l) => l.textContent?.trim());
  const select = (purpose: string) => element().querySelector(`[data-device-picker="${purpose}"] select`) as HTMLSelectElement;
  const optionTexts = (purpose: string) => Array.from(select(purpose).options).map((o) => o.textContent?.trim());

  function configure(outputSupported = true): void {
    devices = new FakeMediaDevices();
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        LocalMedia,
        ParticipantsStore,
        ...CALL_PROVIDERS,
        { provide: MEDIA_DEVICES, useValue: devices },
        { provide: DEVICE_STORAGE, useValue: null },
        { provide: AUDIO_OUTPUT_SUPPORTED, useValue: outputSupported },
      ],
    });
    media = TestBed.inject(LocalMedia);
  }

  async function render(): Promise<void> {
    await media.start();
    fixture = TestBed.createComponent(DevicePickers);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function pick(purpose: string, deviceId: string): Promise<void> {
    select(purpose).value = deviceId;
    select(purpose).dispatchEvent(new Event('change'));
    await fixture.whenStable();
    fixture.detectChanges();
  }

  afterEach(() => media.close());

  it('labels a picker for the microphone, the camera and the speaker', async () => {
    configure();
    await render();
    expect(labels()).toEqual(['Microphone', 'Camera', 'Speaker']);
    expect(select('camera').id).toBe(element().querySelector('[data-device-picker="camera"] label')?.getAttribute('for') ?? '');
  });

  it('lists the devices by name and shows the running one as chosen', async () => {
    configure();
    await render();
    expect(optionTexts('camera')).toEqual(['Built-in camera', 'USB camera']);
    expect(select('camera').value).toBe('cam-1');
  });

  it('switches to the camera chosen', async () => {
    configure();
    await render();
    await pick('camera', 'cam-2');
    await until(() => media.camera().track?.getSettings().deviceId === 'cam-2');
    fixture.detectChanges();
    expect(select('camera').value).toBe('cam-2');
  });

  it('explains a switch that failed and shows the camera still running', async () => {
    configure();
    await render();
    devices.deviceFailures = { 'cam-2': 'NotAllowedError' };
    await pick('camera', 'cam-2');
    await until(() => element().querySelector('[role="alert"]') !== null || (fixture.detectChanges(), false));
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Could not switch to USB camera. Parley is not allowed to use your camera');
    expect(select('camera').value).toBe('cam-1');
  });

  it('sends remote audio to the speaker chosen', async () => {
    configure();
    await render();
    await pick('speaker', 'spk-2');
    expect(TestBed.inject(AudioOutput).deviceId()).toBe('spk-2');
  });

  it('offers no speaker picker where the browser cannot choose an output', async () => {
    configure(false);
    await render();
    expect(labels()).toEqual(['Microphone', 'Camera']);
  });

  it('says why names are missing before permission, and still lists unnamed devices', async () => {
    configure();
    devices.devices = fakeDeviceSet().map((d) => ({ ...d, label: '' }));
    await render();
    expect(optionTexts('camera')).toEqual(['Camera 1', 'Camera 2']);
    expect(element().textContent).toContain('Device names appear once Parley may use your camera and microphone.');
  });

  it('does not promise names after permission was refused', async () => {
    configure();
    devices.devices = fakeDeviceSet().map((d) => ({ ...d, label: '' }));
    devices.failures = { audio: 'NotAllowedError', video: 'NotAllowedError' };
    await render();
    expect(element().textContent).not.toContain('Device names appear');
  });

  it('says so when there is no camera at all', async () => {
    configure();
    devices.devices = fakeDeviceSet().filter((d) => d.kind !== 'videoinput');
    devices.failures = { video: 'NotFoundError' };
    await render();
    expect(optionTexts('camera')).toEqual(['No camera found']);
    expect(select('camera').disabled).toBeTrue();
  });
});
