import { inject } from '@angular/core';
import type { CanMatchFn } from '@angular/router';
import { BROWSER_GLOBALS, missingCapabilities } from '../core/webrtc/browser-support';

/**
 * Lets the meeting route match only in a browser that can hold a call. It
 * runs before the meeting code loads, so a browser without WebRTC or an
 * insecure page gets the next route with the same path (UnsupportedPage)
 * under the same address, rather than a lobby that fails on the first click
 * or a blank screen.
 */
export const browserCanCall: CanMatchFn = () => missingCapabilities(inject(BROWSER_GLOBALS)).length === 0;
