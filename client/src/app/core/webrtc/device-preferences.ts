import { Injectable, InjectionToken, inject, signal } from '@angular/core';
import type { DeviceOption, DevicePurpose } from './device-list';

/** A device the person chose, as remembered between visits. */
export interface RememberedDevice {
  readonly deviceId: string;
  /** The browser's label when chosen; empty if it had none (then only the id can match). */
  readonly label: string;
}

export type RememberedDevices = Partial<Record<DevicePurpose, RememberedDevice>>;

const KEY = 'parley.devices';

/** Where choices are kept: localStorage, or null where the browser blocks it. A token so specs keep their own. */
export const DEVICE_STORAGE = new InjectionToken<Pick<Storage, 'getItem' | 'setItem'> | null>('DEVICE_STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      return globalThis.localStorage ?? null;
    } catch (error) {
      // Reading the property itself throws where site data is blocked.
      console.warn('Parley: device choices will not be remembered', error);
      return null;
    }
  },
});
const PURPOSES: readonly DevicePurpose[] = ['microphone', 'camera', 'speaker'];

/**
 * Which listed device stands for a remembered one: the same deviceId, else
 * the same label. Ids are stable per site in Chromium and Firefox but change
 * when site data is cleared, in private windows, and in Safari across
 * sessions; the label ("Jabra Evolve 65") survives those, so it is the
 * fallback. Made-up labels are never compared (they are not remembered).
 */
export function findRemembered(remembered: RememberedDevice | null | undefined, options: readonly DeviceOption[]): DeviceOption | null {
  if (!remembered) return null;
  const byId = options.find((option) => option.deviceId === remembered.deviceId);
  if (byId) return byId;
  if (!remembered.label) return null;
  return options.find((option) => option.browserLabel === remembered.label) ?? null;
}

/** Reads what localStorage holds, keeping only well-formed entries (the value may be old or hand-edited). */
export function parseRememberedDevices(raw: string | null): RememberedDevices {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    // A corrupt value is the same as none; it is overwritten on the next choice.
    console.warn('Parley: ignoring unreadable remembered devices', error);
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const out: { -readonly [P in DevicePurpose]?: RememberedDevice } = {};
  for (const purpose of PURPOSES) {
    const entry = record[purpose] as Partial<RememberedDevice> | undefined;
    if (entry && typeof entry.deviceId === 'string' && entry.deviceId && typeof entry.label === 'string') {
      out[purpose] = { deviceId: entry.deviceId, label: entry.label };
    }
  }
  return out;
}

/**
 * The microphone, camera and speaker the person chose, remembered in
 * localStorage so the next meeting starts with them. Only explicit choices
 * are remembered, never the browser's default, so a later change of the
 * system default still applies. Storage can be unavailable (blocked site
 * data); then choices last for this page only.
 */
@Injectable({ providedIn: 'root' })
export class DevicePreferences {
  private readonly storage = inject(DEVICE_STORAGE);
  private readonly remembered = signal<RememberedDevices>(parseRememberedDevices(this.read()));

  /** Everything remembered, as a signal (the speaker choice routes audio reactively). */
  readonly all = this.remembered.asReadonly();

  get(purpose: DevicePurpose): RememberedDevice | null {
    return this.remembered()[purpose] ?? null;
  }

  remember(purpose: DevicePurpose, option: DeviceOption): void {
    const next: RememberedDevices = { ...this.remembered(), [purpose]: { deviceId: option.deviceId, label: option.browserLabel } };
    this.remembered.set(next);
    try {
      this.storage?.setItem(KEY, JSON.stringify(next));
    } catch (error) {
      console.warn('Parley: cannot remember the device choice', error);
    }
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(KEY) ?? null;
    } catch (error) {
      console.warn('Parley: cannot read the remembered devices', error);
      return null;
    }
  }
}
