import { InjectionToken } from '@angular/core';
import type { ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/** A Socket.IO socket typed by the protocol's event maps, both ways. */
export type ParleySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SocketOptionsInit = Partial<ManagerOptions & SocketOptions>;

/** Creates the socket; `url` undefined means the page's own origin. */
export type SocketFactory = (url: string | undefined, options: SocketOptionsInit) => ParleySocket;

/** Indirection over `io()` so specs can hand SignalingClient a fake socket. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (url, options) => (url === undefined ? io(options) : io(url, options)),
});
