import type { ParleySocket, SocketOptionsInit } from '../app/core/signaling/socket-factory';

type Listener = (...args: unknown[]) => void;

/** Socket.IO's own events, which never reach `onAny` listeners. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting']);

/** One request the fake received. */
export interface SentRequest {
  readonly event: string;
  readonly payload: unknown;
  readonly timeoutMs: number;
}

/**
 * A stand-in for a Socket.IO client socket with just what SignalingClient
 * uses. Specs script the gateway's replies through `reply` and fire socket
 * events (connect, pushes, disconnects) through `fire`.
 */
export class FakeSocket {
  active = true;
  disconnectCalls = 0;
  readonly sent: SentRequest[] = [];
  /** How the fake "gateway" answers a request; replace per spec. */
  reply: (event: string, payload: unknown) => Promise<unknown> = () => Promise.resolve({ ok: true, data: {} });

  private readonly listeners = new Map<string, Listener[]>();
  private anyListeners: Listener[] = [];
  private readonly managerListeners = new Map<string, Listener[]>();

  readonly io = {
    on: (event: string, listener: Listener) => add(this.managerListeners, event, listener),
    off: () => this.managerListeners.clear(),
  };

  constructor(
    readonly url: string | undefined,
    readonly options: SocketOptionsInit,
  ) {}

  on(event: string, listener: Listener): this {
    add(this.listeners, event, listener);
    return this;
  }

  onAny(listener: Listener): this {
    this.anyListeners.push(listener);
    return this;
  }

  off(): this {
    this.listeners.clear();
    return this;
  }

  offAny(): this {
    this.anyListeners = [];
    return this;
  }

  timeout(timeoutMs: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } {
    return {
      emitWithAck: (event, payload) => {
        this.sent.push({ event, payload, timeoutMs });
        return this.reply(event, payload);
      },
    };
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    return this;
  }

  /** Delivers a socket event (or a push) to the registered listeners. */
  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
    if (!RESERVED.has(event)) for (const listener of this.anyListeners) listener(event, ...args);
  }

  /** Delivers a Manager event such as `reconnect_failed`. */
  fireManager(event: string, ...args: unknown[]): void {
    for (const listener of this.managerListeners.get(event) ?? []) listener(...args);
  }

  asSocket(): ParleySocket {
    return this as unknown as ParleySocket;
  }
}

function add(map: Map<string, Listener[]>, event: string, listener: Listener): void {
  map.set(event, [...(map.get(event) ?? []), listener]);
}
