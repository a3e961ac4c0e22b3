import Janode from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import type { JanusContext } from './janus-context';
import { JanusError } from './janus-error';

/** Whatever EventEmitter.on() accepts (node's typings: any arguments). */
type Listener = Parameters<VideoRoomHandle['on']>[1];

/**
 * One janode VideoRoom handle and everything the gateway hung on it. It
 * knows when janode detached it behind our back (session lost, Janus gone)
 * so requests fail fast and release() does not talk to a dead handle, and it
 * removes exactly the listeners we added (janode's own stay).
 */
export class OwnedHandle {
  private detached = false;
  private readonly listeners: Array<{ event: string; listener: Listener }> = [];
  private releasing: Promise<void> | null = null;

  constructor(
    private readonly handle: VideoRoomHandle,
    private readonly context: JanusContext,
    /** Who this handle is, for logs and error messages, e.g. `publisher p1 in r1`. */
    readonly label: string,
  ) {
    this.on(Janode.EVENT.HANDLE_DETACHED, () => {
      this.detached = true;
    });
  }

  /** False once detached, whoever detached it. */
  get usable(): boolean {
    return !this.detached && this.releasing === null;
  }

  on(event: string, listener: Listener): void {
    this.handle.on(event, listener);
    this.listeners.push({ event, listener });
  }

  /** One request on this handle, with the context's deadline and error mapping. */
  request<T>(action: string, run: (handle: VideoRoomHandle) => Promise<T>): Promise<T> {
    if (!this.usable) {
      return Promise.reject(new JanusError(`Janus ${action} failed: the ${this.label} handle is closed`));
    }
    return this.context.call(`${action} (${this.label})`, () => run(this.handle));
  }

  /**
   * Leaves the room (when `leave`), detaches and drops our listeners.
   * Idempotent. Never rejects: a handle that cannot be released cleanly is
   * gone for us either way, and Janus frees it with the session. Failures
   * (typically "not in the room" after the room was destroyed) are logged.
   */
  release(leave: boolean): Promise<void> {
    this.releasing ??= this.doRelease(leave);
    return this.releasing;
  }

  private async doRelease(leave: boolean): Promise<void> {
    if (!this.detached && leave) {
      await this.context
        .call(`leave (${this.label})`, () => this.handle.leave())
        .catch((error: unknown) => this.context.logger.warn(`${describe(error)} (ignored while closing)`));
    }
    if (!this.detached) {
      await this.context
        .call(`detach (${this.label})`, () => this.handle.detach())
        .catch((error: unknown) => this.context.logger.warn(`${describe(error)} (ignored while closing)`));
    }
    this.detached = true;
    for (const { event, listener } of this.listeners.splice(0)) this.handle.off(event, listener);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
