import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';
import type { SessionRef } from '../rooms/rooms.service';

/** Per-socket state: the joined session, once `room.join` succeeded. */
export interface SocketData {
  session?: SessionRef;
}

/** The gateway's typed Socket.IO server and socket. */
export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
