import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';
import type { ClusterMessage } from '../rooms/cluster';
import type { ClientConnection } from './client-connection';

/**
 * Per-socket state: one connection object that owns the session, the knock,
 * the rate bucket and the timers (see `ClientConnection`), nothing else.
 */
export interface SocketData {
  /** Set by the gateway's handshake middleware for every accepted socket. */
  connection?: ClientConnection;
}

/** Between gateways serving the same rooms (through the Redis adapter): the rooms cluster's messages. */
export interface InterServerEvents {
  'parley.cluster': (message: ClusterMessage) => void;
}

/** The gateway's typed Socket.IO server and socket. */
export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
