import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map, merge, scan, Subject } from 'rxjs';
import { assertUnreachable } from '../core/assert-unreachable';
import { SignalingClient } from '../core/signaling/signaling-client';
import { SignalingError } from '../core/signaling/signaling-error';

/** Someone waiting in the lobby for a host's answer. */
export interface Knock {
  readonly requestId: string;
  readonly name: string;
}

/** What changes the queue: the gateway's lobby pushes, and answers given here. */
export type KnockEvent =
  | { readonly type: 'knocking'; readonly requestId: string; readonly name: string }
  | { readonly type: 'resolved'; readonly requestId: string };

/**
 * The queue reducer: oldest knock first, one entry per request (the gateway
 * sends a promoted host every pending knock, which may repeat one already shown).
 */
export function foldKnocks(queue: readonly Knock[], event: KnockEvent): readonly Knock[] {
  switch (event.type) {
    case 'knocking':
      if (queue.some((knock) => knock.requestId === event.requestId)) return queue;
      return [...queue, { requestId: event.requestId, name: event.name }];
    case 'resolved':
      return queue.filter((knock) => knock.requestId !== event.requestId);
    default:
      return assertUnreachable(event);
  }
}

/**
 * (hosts) Who is knocking: folds `lobby.knocking` and `lobby.resolved`
 * (another host answered, the knocker gave up, or the lobby was turned off),
 * and answers knocks with `host.admit`.
 *
 * Provided by the room page and created with it, so no knock is missed.
 */
@Injectable()
export class KnockQueue {
  private readonly signaling = inject(SignalingClient);
  private readonly answered = new Subject<KnockEvent>();

  /** Pending knocks, oldest first. */
  readonly knocks = toSignal(
    merge(
      this.signaling.push('lobby.knocking').pipe(map(({ requestId, name }): KnockEvent => ({ type: 'knocking', requestId, name }))),
      this.signaling.push('lobby.resolved').pipe(map(({ requestId }): KnockEvent => ({ type: 'resolved', requestId }))),
      this.answered,
    ).pipe(scan(foldKnocks, [] as readonly Knock[])),
    { initialValue: [] as readonly Knock[] },
  );

  /**
   * Lets a knocker in (`admit` true) or not. The prompt goes at once on
   * success, and also when the request was no longer pending (someone else
   * answered first, or the knocker left): there is nothing left to answer.
   * Other failures reject with the SignalingError and keep the prompt.
   */
  async answer(requestId: string, admit: boolean): Promise<void> {
    try {
      await this.signaling.request('host.admit', { requestId, admit });
    } catch (error) {
      if (!(error instanceof SignalingError && error.code === 'validation.failed')) throw error;
    }
    this.answered.next({ type: 'resolved', requestId });
  }
}
