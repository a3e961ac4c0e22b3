import { Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { fromEvent } from 'rxjs';
import { MEDIA_DEVICES, type MediaDevicesPort } from './platform';

/** What a device is chosen for: the two inputs Parley sends, and where remote audio plays. */
export type DevicePurpose = 'microphone' | 'camera' | 'speaker';

/** One entry of a device picker. */
export interface DeviceOption {
  readonly deviceId: string;
  /** What the picker shows: the browser's label, or "Camera 2" while the browser hides labels. */
  readonly label: string;
  /**
   * The browser's own label, empty until the page may use the devices.
   * Only this is remembered for matching, never the made-up "Camera 2".
   */
  readonly browserLabel: string;
}

/** Every device the browser lists, by purpose, in the browser's order. */
export interface DeviceLists {
  readonly microphone: readonly DeviceOption[];
  readonly camera: readonly DeviceOption[];
  readonly speaker: readonly DeviceOption[];
  /**
   * True while the browser hides device names (or whole devices) because
   * the page has no camera or microphone permission yet.
   */
  readonly labelsHidden: boolean;
}

export const NO_DEVICES: DeviceLists = { microphone: [], camera: [], speaker: [], labelsHidden: false };

/** The fields of MediaDeviceInfo the folding reads (so specs can pass plain objects). */
export type DeviceInfo = Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>;

const PURPOSE_OF: Record<MediaDeviceKind, DevicePurpose> = {
  audioinput: 'microphone',
  videoinput: 'camera',
  audiooutput: 'speaker',
};

const NOUN: Record<DevicePurpose, string> = { microphone: 'Microphone', camera: 'Camera', speaker: 'Speaker' };

/**
 * Folds `enumerateDevices()` into picker lists. Before permission, Chromium
 * lists one entry per kind with an empty id and label, Firefox and Safari
 * may list none: entries without an id cannot be chosen and are dropped, and
 * unnamed ones get "Camera 2" so two unnamed cameras stay distinguishable.
 * An id listed twice (some drivers do) is shown once.
 */
export function foldDevices(infos: readonly DeviceInfo[]): DeviceLists {
  const lists: Record<DevicePurpose, DeviceOption[]> = { microphone: [], camera: [], speaker: [] };
  let labelsHidden = false;
  for (const info of infos) {
    const purpose = PURPOSE_OF[info.kind] as DevicePurpose | undefined;
    if (!purpose) continue;
    const label = info.label.trim();
    if (!label) labelsHidden = true;
    const list = lists[purpose];
    if (!info.deviceId || list.some((option) => option.deviceId === info.deviceId)) continue;
    list.push({ deviceId: info.deviceId, label: label || `${NOUN[purpose]} ${list.length + 1}`, browserLabel: label });
  }
  return { ...lists, labelsHidden };
}

/** True when two foldings list the same devices under the same names (so pickers need not re-render). */
export function sameDeviceLists(a: DeviceLists, b: DeviceLists): boolean {
  const same = (x: readonly DeviceOption[], y: readonly DeviceOption[]) =>
    x.length === y.length && x.every((o, i) => o.deviceId === y[i]?.deviceId && o.label === y[i]?.label);
  return a.labelsHidden === b.labelsHidden && same(a.microphone, b.microphone) && same(a.camera, b.camera) && same(a.speaker, b.speaker);
}

/**
 * The devices the browser offers, kept current: read once at start, again
 * on every `devicechange` (plugging a headset in or out), and when asked
 * after permission was granted (labels appear then, and Chromium fires no
 * `devicechange` for that). Enumerations can overtake each other; only the
 * latest one started is kept.
 */
@Injectable({ providedIn: 'root' })
export class DeviceList {
  private readonly devices = inject(MEDIA_DEVICES);
  private readonly listsSignal = signal<DeviceLists>(NO_DEVICES, { equal: sameDeviceLists });
  private started = 0;
  private applied = 0;

  readonly lists = this.listsSignal.asReadonly();

  constructor() {
    fromEvent(this.devices, 'devicechange')
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.refresh());
    void this.refresh();
  }

  /** Lists the devices now; resolves with this enumeration's result (which the signal shows unless a newer one landed). */
  async refresh(): Promise<DeviceLists> {
    const attempt = ++this.started;
    const lists = foldDevices(await enumerate(this.devices));
    if (attempt > this.applied) {
      this.applied = attempt;
      this.listsSignal.set(lists);
    }
    return lists;
  }
}

async function enumerate(devices: MediaDevicesPort): Promise<readonly DeviceInfo[]> {
  try {
    return await devices.enumerateDevices();
  } catch (error) {
    // Pickers then offer nothing to choose; the default devices still work.
    console.warn('Parley: cannot list media devices', error);
    return [];
  }
}
