// Raw Socket.IO clients for end-to-end tests that speak the protocol from
// Node, as a script (or an attacker) would, without a browser.
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@parley/protocol';

/**
 * Opens a socket and resolves once it is connected; rejects with the
 * connect error when the gateway refuses it. Never reconnects by itself.
 */
export function connectSocket(url, { auth = { v: PROTOCOL_VERSION }, extraHeaders, timeoutMs = 15_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      timeout: timeoutMs,
      forceNew: true,
      ...(extraHeaders ? { extraHeaders } : {}),
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Sends one request and resolves with its ack (`{ ok, data | error }`), or rejects after `timeoutMs`. */
export function request(socket, event, payload, timeoutMs = 20_000) {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/** Resolves with the reason once `socket` disconnects (at once if it already has). */
export function disconnected(socket, timeoutMs = 20_000) {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no disconnect within ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
