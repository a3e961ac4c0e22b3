import { Injectable, InjectionToken, computed, inject } from '@angular/core';
import { DeviceList, type DeviceOption } from './device-list';
import { DevicePreferences, findRemembered } from './device-preferences';

/**
 * Whether this browser can play audio through a chosen output
 * (`HTMLMediaElement.setSinkId`: Chromium and Firefox, not Safari). A token
 * so specs can say either.
 */
export const AUDIO_OUTPUT_SUPPORTED = new InjectionToken<boolean>('AUDIO_OUTPUT_SUPPORTED', {
  providedIn: 'root',
  factory: () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
});

/** `setSinkId`, which TypeScript's DOM typings may lack. */
type SinkElement = HTMLMediaElement & { readonly sinkId?: string; setSinkId?(id: string): Promise<void> };

/**
 * Where remote audio plays: the speaker the person chose, while it is
 * connected, else the system default. Every remote `<audio>` is routed here
 * (see MediaTrack); where the browser cannot choose, nothing is offered and
 * the system default plays.
 */
@Injectable({ providedIn: 'root' })
export class AudioOutput {
  private readonly preferences = inject(DevicePreferences);
  private readonly deviceList = inject(DeviceList);

  readonly supported = inject(AUDIO_OUTPUT_SUPPORTED);
  /** The sink id to play through; '' is the system default. */
  readonly deviceId = computed(() => {
    if (!this.supported) return '';
    return findRemembered(this.preferences.all().speaker, this.deviceList.lists().speaker)?.deviceId ?? '';
  });

  /** Plays remote audio through `option` from now on, and next time. */
  choose(option: DeviceOption): void {
    this.preferences.remember('speaker', option);
  }

  /** Points one media element at `deviceId`; a failure leaves it on the output it had. */
  async route(element: HTMLMediaElement, deviceId: string): Promise<void> {
    const sink = element as SinkElement;
    if (!this.supported || !sink.setSinkId || sink.sinkId === deviceId) return;
    try {
      await sink.setSinkId(deviceId);
    } catch (error) {
      console.warn('Parley: cannot play audio through the chosen speaker', error);
    }
  }
}
