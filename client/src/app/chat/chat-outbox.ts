import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { normalizeChatText, type ChatMessage } from '@parley/protocol';
import { SignalingClient } from '../core/signaling/signaling-client';
import { SignalingError, describeError, type SignalingErrorCode } from '../core/signaling/signaling-error';
import { ChatStore, type PendingMessage } from './chat-store';
import { tooLongMessage } from './composer-counter';

/** How long to wait before trying again after an ack timed out while still connected. */
export const RETRY_AFTER_TIMEOUT_MS = 3000;

/**
 * Failures after which the same request may well succeed later: the message
 * stays queued (shown as "sending") and goes out again with the same clientId.
 * The gateway is idempotent on clientId, so a retry of a message that was in
 * fact stored (its ack lost with the connection) is delivered only once.
 */
const TRANSIENT: ReadonlySet<SignalingErrorCode> = new Set<SignalingErrorCode>(['disconnected', 'timeout', 'session.not_joined']);

/** A message the gateway refused for good; the composer shows `message` and gives `text` back. */
export interface ChatRejection {
  readonly clientId: string;
  readonly text: string;
  readonly code: SignalingErrorCode | null;
  readonly message: string;
}

/**
 * A fresh idempotency key. `crypto.randomUUID` only exists in secure
 * contexts; a LAN address over plain http still gets an equally random key.
 */
export function newClientId(): string {
  if (typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Our own messages on their way to the gateway. Each gets its clientId when
 * typed and keeps it for every attempt. Messages go one at a time, in the
 * order typed, and only while joined; a connection loss leaves them queued
 * until the call session has joined again (`joined()`), then they go out
 * once. The ack's stored message replaces the pending one in the store.
 */
@Injectable()
export class ChatOutbox {
  private readonly signaling = inject(SignalingClient);
  private readonly store = inject(ChatStore);

  private readonly queue: PendingMessage[] = [];
  private readonly sentIds = new Set<string>();
  private online = false;
  private inFlight = false;
  /** Counts joins, so a failure can tell whether a rejoin happened while its attempt was out. */
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly rejectionSignal = signal<ChatRejection | null>(null);
  private readonly ownClientIdsSignal = signal<ReadonlySet<string>>(new Set());

  /** The latest refused message, until the next send or `clearRejection()`. */
  readonly rejection = this.rejectionSignal.asReadonly();
  /** Every clientId this tab created: our messages, even under an earlier participant id. */
  readonly ownClientIds = this.ownClientIdsSignal.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /** Queues a message and sends it when possible; returns its clientId, or null when there is nothing to send. */
  submit(draft: string): string | null {
    const text = normalizeChatText(draft);
    if (text.length === 0 || this.closed) return null;
    const pending: PendingMessage = { clientId: newClientId(), text, createdAt: Date.now() };
    this.sentIds.add(pending.clientId);
    this.ownClientIdsSignal.set(new Set(this.sentIds));
    this.rejectionSignal.set(null);
    this.queue.push(pending);
    this.store.dispatch({ type: 'queued', pending });
    this.pump();
    return pending.clientId;
  }

  /** The call session (re)joined: whatever is queued goes out now. */
  joined(): void {
    this.generation++;
    this.online = true;
    this.pump();
  }

  /** The connection or the session is gone: stop sending until `joined()`. */
  offline(): void {
    this.online = false;
    clearTimeout(this.retryTimer);
  }

  clearRejection(): void {
    this.rejectionSignal.set(null);
  }

  /** Stops all sending. Idempotent. Queued messages are dropped with the meeting. */
  close(): void {
    this.closed = true;
    this.online = false;
    clearTimeout(this.retryTimer);
  }

  private pump(): void {
    const head = this.queue[0];
    if (!this.online || this.inFlight || this.closed || head === undefined) return;
    this.inFlight = true;
    const generation = this.generation;
    this.signaling.request('chat.send', { clientId: head.clientId, text: head.text }).then(
      (message) => this.settle(head, message),
      (error: unknown) => this.fail(head, error, generation),
    );
  }

  private settle(head: PendingMessage, message: ChatMessage): void {
    this.inFlight = false;
    this.remove(head);
    this.store.dispatch({ type: 'acked', message });
    this.pump();
  }

  private fail(head: PendingMessage, error: unknown, generation: number): void {
    this.inFlight = false;
    if (error instanceof SignalingError && TRANSIENT.has(error.code)) {
      if (generation !== this.generation) this.pump(); // Joined again while this attempt was out.
      else if (error.code === 'timeout' && this.online) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.pump(), RETRY_AFTER_TIMEOUT_MS);
      }
      return; // Otherwise the next joined() sends it.
    }
    this.remove(head);
    this.store.dispatch({ type: 'rejected', clientId: head.clientId });
    const code = error instanceof SignalingError ? error.code : null;
    this.rejectionSignal.set({ clientId: head.clientId, text: head.text, code, message: explain(code, head.text, error) });
    this.pump();
  }

  private remove(head: PendingMessage): void {
    const index = this.queue.indexOf(head);
    if (index >= 0) this.queue.splice(index, 1);
  }
}

function explain(code: SignalingErrorCode | null, text: string, error: unknown): string {
  switch (code) {
    case 'chat.too_long':
      return tooLongMessage(text.length);
    case 'rate_limited':
      return 'You are sending messages too fast. Wait a moment, then send again.';
    default:
      return describeError(error);
  }
}
