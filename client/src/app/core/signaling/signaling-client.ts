import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  ERROR_CODES,
  PROTOCOL_VERSION,
  type ErrorCode,
  checkRequest,
  type Ack,
  type PushName,
  type RequestName,
  type RequestPayload,
  type Responses,
  type ServerToClientEvents,
} from '@parley/protocol';
import { Observable, Subject, filter, map, share } from 'rxjs';
import { assertUnreachable } from '../assert-unreachable';
import { REQUEST_TIMEOUT_MS, SIGNALING_URL } from '../config/signaling-config';

/**
 * `room.join` sets up the SFU side (handles attached, a session resumed with
 * fresh ones) in several round trips to Janus: on a loaded server it takes
 * longer than other requests, and giving up early makes a reconnect fail.
 */
export const JOIN_TIMEOUT_FACTOR = 3;
import { transition, type ConnectionEvent, type ConnectionState } from './connection-state';
import { SignalingError } from './signaling-error';
import { SOCKET_FACTORY, type ParleySocket } from './socket-factory';

/** The payload a push carries. */
export type PushPayload<E extends PushName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Socket.IO's retry schedule after a lost connection: the first retry after
 * about half a second, then doubling up to 2 s (each ±50 %, Socket.IO's
 * jitter), 30 tries in all, about a minute, before the connection is declared
 * failed. A gateway restart or a deploy is back within seconds and its people
 * should be too; Socket.IO's own default (1 s doubling to 5 s, unlimited) let
 * a 3 s restart cost 7–15 s, and the 6 tries kept before gave up after 20 s.
 */
const RECONNECTION = { reconnectionDelay: 500, reconnectionDelayMax: 2_000, reconnectionAttempts: 30 } as const;

/** The one `emitWithAck` shape every request shares; see `request` for why it is widened. */
interface AckEmitter {
  emitWithAck(event: RequestName, payload: unknown): Promise<unknown>;
}

/**
 * The client's only door to the gateway: owns the Socket.IO socket, turns
 * each request into a promise of its typed result (or a `SignalingError`),
 * exposes pushes as Observables and the connection as a state machine.
 *
 * Provided per call (not in root) so that leaving a meeting drops the socket
 * with everything else the call owned.
 */
@Injectable()
export class SignalingClient {
  private readonly createSocket = inject(SOCKET_FACTORY);
  private readonly url = inject(SIGNALING_URL);
  private readonly timeoutMs = inject(REQUEST_TIMEOUT_MS);

  private socket: ParleySocket | null = null;
  private readonly pushes = new Subject<{ readonly name: string; readonly payload: unknown }>();
  private readonly resumedSubject = new Subject<void>();
  private readonly stateSignal = signal<ConnectionState>('idle');
  private readonly lastErrorSignal = signal<SignalingError | null>(null);
  /** Rejecters of requests still waiting for an ack, failed at once when the socket goes away. */
  private readonly waiting = new Set<(error: SignalingError) => void>();

  /** Where the connection is in its lifecycle. */
  readonly state = this.stateSignal.asReadonly();
  /** Why the last connect attempt failed, for the status line; cleared on connect. */
  readonly lastError = this.lastErrorSignal.asReadonly();
  /** Emits each time the socket comes back after a loss: the session must be resumed. */
  readonly resumed$: Observable<void> = this.resumedSubject.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /** Connects (no-op while already connecting or connected). */
  open(): void {
    if (this.socket) return;
    this.dispatch('open');
    const socket = this.createSocket(this.url, {
      auth: { v: PROTOCOL_VERSION },
      transports: ['websocket'],
      ...RECONNECTION,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.lastErrorSignal.set(null);
      this.dispatch('connected');
    });
    socket.on('connect_error', (error: Error) => {
      this.lastErrorSignal.set(connectErrorOf(error));
      // Socket.IO: `active` false means the server refused the handshake and no retry follows.
      this.dispatch(socket.active ? 'retrying' : 'refused');
    });
    socket.on('disconnect', (reason: string) => {
      if (reason === 'io client disconnect') return;
      this.dispatch(socket.active ? 'lost' : 'kicked');
    });
    socket.io.on('reconnect_failed', () => this.dispatch('gave_up'));
    // Every push goes through one listener (Socket.IO never passes its reserved events to onAny),
    // so a push the protocol adds flows without touching this class; `push()` keeps it typed.
    socket.onAny((name: string, payload: unknown) => this.pushes.next({ name, payload }));
  }

  /**
   * Sends a request and resolves with its result. Rejects with a
   * `SignalingError`: the gateway's code on `{ ok: false }`, `timeout` when no
   * ack came in time (REQUEST_TIMEOUT_MS; `room.join` waits
   * {@link JOIN_TIMEOUT_FACTOR} times as long), `disconnected` when there is no socket,
   * `validation.failed` (without sending) when the payload breaks the schema.
   */
  async request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<Responses[E]> {
    const checked = checkRequest(event, payload);
    if (!checked.ok) throw new SignalingError('validation.failed', checked.problems.join('; '));
    const socket = this.socket;
    if (!socket) throw new SignalingError('disconnected', 'Not connected to the server.');
    // TypeScript cannot resolve socket.io's conditional ack types for a generic `E`;
    // the protocol's `Responses` map is what ties `E` to its reply.
    const timeoutMs = event === 'room.join' ? this.timeoutMs * JOIN_TIMEOUT_FACTOR : this.timeoutMs;
    const emitter = socket.timeout(timeoutMs) as unknown as AckEmitter;
    let drop: (error: SignalingError) => void = () => undefined;
    const dropped = new Promise<never>((_, reject) => (drop = reject));
    this.waiting.add(drop);
    let reply: Ack<Responses[E]>;
    try {
      reply = (await Promise.race([emitter.emitWithAck(event, payload), dropped])) as Ack<Responses[E]>;
    } catch (error) {
      if (error instanceof SignalingError) throw error;
      throw new SignalingError('timeout', `No answer to ${event} within ${timeoutMs} ms.`, { cause: error });
    } finally {
      this.waiting.delete(drop);
    }
    if (!reply.ok) throw SignalingError.fromAck(reply.error);
    return reply.data;
  }

  /** The stream of one push's payloads (hot; subscribe before the request that triggers it). */
  push<E extends PushName>(name: E): Observable<PushPayload<E>> {
    return this.pushes.pipe(
      filter((push) => push.name === name),
      map((push) => push.payload as PushPayload<E>),
      share(),
    );
  }

  /** Disconnects and forgets the socket. Idempotent; `open` may connect again. */
  close(): void {
    if (this.socket) this.dispatch('close');
    this.disposeSocket();
  }

  private dispatch(event: ConnectionEvent): void {
    const { next, effects } = transition(this.stateSignal(), event);
    this.stateSignal.set(next);
    for (const effect of effects) {
      switch (effect) {
        case 'dispose':
          this.disposeSocket();
          break;
        case 'resume':
          this.resumedSubject.next();
          break;
        default:
          assertUnreachable(effect);
      }
    }
  }

  private disposeSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.off();
    socket.offAny();
    socket.io.off();
    socket.disconnect();
    const reason = this.lastErrorSignal() ?? new SignalingError('disconnected', 'The connection to the server closed.');
    for (const drop of [...this.waiting]) drop(reason);
    this.waiting.clear();
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * A refused handshake carries the gateway's reason either as `data.code` or
 * as the message itself; anything else is a transport failure.
 */
function connectErrorOf(error: Error & { data?: unknown }): SignalingError {
  const data = error.data;
  const code = typeof data === 'object' && data !== null && 'code' in data ? data.code : error.message;
  if (isErrorCode(code)) return new SignalingError(code, error.message);
  return new SignalingError('disconnected', error.message || 'Could not reach the server.');
}
