import { InjectionToken } from '@angular/core';

/**
 * The part of `navigator.mediaDevices` Parley uses (acquiring tracks, listing
 * devices, hearing `devicechange`); a token so specs can fake devices.
 */
export type MediaDevicesPort = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;

export const MEDIA_DEVICES = new InjectionToken<MediaDevicesPort>('MEDIA_DEVICES', {
  providedIn: 'root',
  factory: () =>
    // Without a secure context (plain http off localhost) browsers hide mediaDevices entirely.
    globalThis.navigator?.mediaDevices ?? {
      getUserMedia: () => Promise.reject(new TypeError('Camera and microphone need a secure (https) connection.')),
      enumerateDevices: () => Promise.resolve([]),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
});

/** Creates peer connections; a token so specs can substitute a fake. */
export type PeerConnectionFactory = (configuration: RTCConfiguration) => RTCPeerConnection;

export const PEER_CONNECTION_FACTORY = new InjectionToken<PeerConnectionFactory>('PEER_CONNECTION_FACTORY', {
  providedIn: 'root',
  factory: () => (configuration) => new RTCPeerConnection(configuration),
});
