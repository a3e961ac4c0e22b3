import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';
import type { RoomId } from '@parley/protocol';
import type { TokenBucket } from '../chat/token-bucket';
import type { ClusterMessage } from '../rooms/cluster';
import type { SessionRef } from '../rooms/rooms.service';

/** Per-socket state. */
export interface SocketData {
  /** The joined session, once `room.join` succeeded. */
  session?: SessionRef;
  /** A lobby request this socket is waiting on. */
  knock?: { readonly room: RoomId; readonly requestId: string };
  /** Every request takes a token: a flooding client gets `rate_limited`, not the gateway's attention. */
  requests?: TokenBucket;
  /** Password guesses take a token each. */
  passwordGuesses?: TokenBucket;
  /** Sends a fresh session token before the current one expires. */
  tokenRefresh?: NodeJS.Timeout;
  /** Sends fresh TURN credentials before the current ones expire (only with TURN). */
  iceRefresh?: NodeJS.Timeout;
}

/** Between gateways serving the same rooms (through the Redis adapter): the rooms cluster's messages. */
export interface InterServerEvents {
  'parley.cluster': (message: ClusterMessage) => void;
}

/** The gateway's typed Socket.IO server and socket. */
export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
