// A raw Socket.IO client as the e2e specs use one: the protocol version in
// the handshake, WebSocket only, no reconnection (a drop is a result).
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@parley/protocol';

/** Connects to `url` (with the handshake `auth` given, to test a wrong one); resolves once connected, rejects on a connect error (and closes the socket). */
export function connectSocket(url, auth = { v: PROTOCOL_VERSION }) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, timeout: 20_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
