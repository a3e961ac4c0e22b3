import { ComponentFixture, TestBed } from '@angular/core/testing';
import { until } from '../../testing/async';
import { FakeMediaDevices } from '../../testing/media-fakes';
import { SignalingClient } from '../core/signaling/signaling-client';
import { DeviceList } from '../core/webrtc/device-list';
import { DEVICE_STORAGE } from '../core/webrtc/device-preferences';
import { LocalMedia } from '../core/webrtc/local-media';
import { MEDIA_DEVICES } from '../core/webrtc/platform';
import { CALL_PROVIDERS, CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { DeviceSettings } from './device-settings';

describe('DeviceSettings', () => {
  let fixture: ComponentFixture<DeviceSettings>;

  const element = () => fixture.nativeElement as HTMLElement;
  const settingsButton = () => element().querySelector('button[aria-label="Settings"]') as HTMLButtonElement;
  const dialog = () => element().querySelector('dialog') as HTMLDialogElement;
  const closeButton = () => element().querySelector('button[aria-label="Close settings"]') as HTMLButtonElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        SignalingClient,
        LocalMedia,
        ParticipantsStore,
        ...CALL_PROVIDERS,
        { provide: MEDIA_DEVICES, useValue: new FakeMediaDevices() },
        { provide: DEVICE_STORAGE, useValue: null },
      ],
    });
    fixture = TestBed.createComponent(DeviceSettings);
    await until(() => TestBed.inject(DeviceList).lists().microphone.length > 0);
    fixture.detectChanges();
  });

  afterEach(() => {
    if (dialog().open) dialog().close();
    TestBed.inject(LocalMedia).close();
  });

  function openWithButton(): void {
    settingsButton().focus();
    settingsButton().click();
  }

  it('has a button named "Settings" that opens a modal dialog named "Settings"', () => {
    openWithButton();
    expect(dialog().open).toBeTrue();
    expect(dialog().matches(':modal')).toBeTrue();
    const title = document.getElementById(dialog().getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent?.trim()).toBe('Settings');
  });

  it('moves focus into the dialog, to the first picker', () => {
    openWithButton();
    expect(document.activeElement?.tagName).toBe('SELECT');
    expect(dialog().contains(document.activeElement)).toBeTrue();
  });

  it('gives focus back to the Settings button when "Close settings" is pressed', () => {
    openWithButton();
    closeButton().click();
    expect(dialog().open).toBeFalse();
    expect(document.activeElement).toBe(settingsButton());
  });

  it('closes on a close request (Escape) and gives focus back to the Settings button', () => {
    openWithButton();
    dialog().requestClose();
    expect(dialog().open).toBeFalse();
    expect(document.activeElement).toBe(settingsButton());
  });

  it('gives focus back to whatever opened it', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    fixture.componentInstance.openSettings();
    closeButton().click();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
