import { TestBed } from '@angular/core/testing';
import type { DeviceOption } from './device-list';
import { DEVICE_STORAGE, DevicePreferences, findRemembered, parseRememberedDevices } from './device-preferences';

const option = (deviceId: string, browserLabel: string): DeviceOption => ({ deviceId, browserLabel, label: browserLabel || 'Camera 1' });

describe('findRemembered', () => {
  const options = [option('a', 'Built-in camera'), option('b', 'USB camera')];

  it('matches by deviceId first', () => {
    expect(findRemembered({ deviceId: 'b', label: 'Built-in camera' }, options)?.deviceId).toBe('b');
  });

  it('falls back to the label when the id is gone', () => {
    expect(findRemembered({ deviceId: 'old-id', label: 'USB camera' }, options)?.deviceId).toBe('b');
  });

  it('finds nothing when neither id nor label is listed', () => {
    expect(findRemembered({ deviceId: 'old-id', label: 'Document camera' }, options)).toBeNull();
  });

  it('never matches an empty remembered label to unnamed devices', () => {
    const unnamed = [option('x', ''), option('y', '')];
    expect(findRemembered({ deviceId: 'old-id', label: '' }, unnamed)).toBeNull();
  });

  it('finds nothing when nothing is remembered', () => {
    expect(findRemembered(null, options)).toBeNull();
  });
});

describe('parseRememberedDevices', () => {
  it('ignores a corrupt value', () => {
    spyOn(console, 'warn');
    expect(parseRememberedDevices('{not json')).toEqual({});
  });

  it('keeps only well-formed entries', () => {
    const raw = JSON.stringify({ camera: { deviceId: 'a', label: 'Cam' }, microphone: { deviceId: 3 }, speaker: 'x' });
    expect(parseRememberedDevices(raw)).toEqual({ camera: { deviceId: 'a', label: 'Cam' } });
  });
});

describe('DevicePreferences', () => {
  let stored: Map<string, string>;

  beforeEach(() => {
    stored = new Map();
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
    TestBed.configureTestingModule({ providers: [{ provide: DEVICE_STORAGE, useValue: storage }] });
  });

  it('remembers the choice with the browser’s label, not a made-up one', () => {
    const preferences = TestBed.inject(DevicePreferences);
    preferences.remember('microphone', { deviceId: 'm', label: 'Microphone 1', browserLabel: '' });
    expect(preferences.get('microphone')).toEqual({ deviceId: 'm', label: '' });
  });

  it('uses the remembered choice next time (storage outlives the page)', () => {
    TestBed.inject(DevicePreferences).remember('camera', option('b', 'USB camera'));
    const nextVisit = TestBed.runInInjectionContext(() => new DevicePreferences());
    expect(nextVisit.get('camera')).toEqual({ deviceId: 'b', label: 'USB camera' });
  });

  it('keeps each purpose’s choice separately', () => {
    const preferences = TestBed.inject(DevicePreferences);
    preferences.remember('camera', option('b', 'USB camera'));
    preferences.remember('speaker', option('s', 'Headset'));
    expect(preferences.get('camera')?.deviceId).toBe('b');
    expect(preferences.get('speaker')?.deviceId).toBe('s');
    expect(preferences.get('microphone')).toBeNull();
  });

  it('still remembers for this page when storage refuses to write', () => {
    TestBed.overrideProvider(DEVICE_STORAGE, {
      useValue: { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } },
    });
    spyOn(console, 'warn');
    const preferences = TestBed.inject(DevicePreferences);
    preferences.remember('camera', option('b', 'USB camera'));
    expect(preferences.get('camera')?.deviceId).toBe('b');
  });
});

