import { InjectionToken } from '@angular/core';

/**
 * Where the gateway's Socket.IO endpoint lives. `undefined` (the default) means
 * the page's own origin: the gateway serves the built client and Socket.IO on
 * one port, and `ng serve` proxies `/socket.io` to it (client/proxy.conf.json).
 */
export const SIGNALING_URL = new InjectionToken<string | undefined>('SIGNALING_URL', {
  providedIn: 'root',
  factory: () => undefined,
});

/** How long a request waits for its acknowledgement before failing with `timeout`. */
export const REQUEST_TIMEOUT_MS = new InjectionToken<number>('REQUEST_TIMEOUT_MS', {
  providedIn: 'root',
  factory: () => 10_000,
});
