import { InjectionToken } from '@angular/core';

/** Something Parley cannot do without, missing in this browser or on this page. */
export type MissingCapability =
  /** Plain http off localhost: browsers hide the camera and microphone API there. */
  | 'secure-context'
  /** No WebRTC peer connections (a very old browser, or WebRTC switched off by a setting or an extension). */
  | 'peer-connection'
  /** No `navigator.mediaDevices.getUserMedia` on a secure page: typically an app's built-in browser. */
  | 'media-devices';

/** The few globals the check reads; a token so specs and the page can describe any browser. */
export interface BrowserGlobals {
  readonly isSecureContext?: boolean;
  readonly RTCPeerConnection?: unknown;
  readonly navigator?: { readonly mediaDevices?: { readonly getUserMedia?: unknown } };
}

export const BROWSER_GLOBALS = new InjectionToken<BrowserGlobals>('BROWSER_GLOBALS', {
  providedIn: 'root',
  factory: () => globalThis as BrowserGlobals,
});

/**
 * What this browser lacks for a call, by feature detection (never by its
 * name). An insecure page is reported as that alone for the camera: browsers
 * remove `mediaDevices` from insecure pages, so its absence there says
 * nothing about the browser itself.
 */
export function missingCapabilities(globals: BrowserGlobals): MissingCapability[] {
  const missing: MissingCapability[] = [];
  const insecure = globals.isSecureContext === false;
  if (insecure) missing.push('secure-context');
  if (typeof globals.RTCPeerConnection !== 'function') missing.push('peer-connection');
  if (!insecure && typeof globals.navigator?.mediaDevices?.getUserMedia !== 'function') missing.push('media-devices');
  return missing;
}
