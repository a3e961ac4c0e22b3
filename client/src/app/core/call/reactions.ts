import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { REACTIONS, type ParticipantId, type Reaction } from '@parley/protocol';
import { SignalingClient } from '../signaling/signaling-client';
import { ParticipantsStore } from './participants-store';

/** How long a reaction floats over its sender's tile. */
export const REACTION_SHOWN_MS = 4_000;
/** How many announcements the live region keeps (older ones have been read out). */
const ANNOUNCEMENTS_KEPT = 5;

/** A reaction on screen: whose, which, and an id to track it by. */
export interface ShownReaction {
  readonly id: number;
  readonly participantId: ParticipantId;
  readonly emoji: Reaction;
}

/** What a screen reader says of a reaction: "Ada reacted 👏 (applause)". */
export function reactionAnnouncement(name: string, emoji: Reaction): string {
  const reaction = REACTIONS.find((r) => r.emoji === emoji);
  return `${name} reacted ${emoji}${reaction ? ` (${reaction.name})` : ''}`;
}

/**
 * The call's reactions: one's own (shown once the gateway took it) and the
 * others' (`reaction` pushes), each shown for {@link REACTION_SHOWN_MS}, and
 * announced politely by name. Nothing is kept after that: reactions are not
 * history.
 */
@Injectable()
export class Reactions {
  private readonly signaling = inject(SignalingClient);
  private readonly participants = inject(ParticipantsStore);
  private readonly shownSignal = signal<readonly ShownReaction[]>([]);
  private readonly announcementsSignal = signal<readonly { readonly id: number; readonly text: string }[]>([]);
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private nextId = 1;

  /** The reactions on screen now, oldest first. */
  readonly shown = this.shownSignal.asReadonly();
  /** The latest announcements, for a polite live region. */
  readonly announcements = this.announcementsSignal.asReadonly();

  constructor() {
    this.signaling
      .push('reaction')
      .pipe(takeUntilDestroyed())
      .subscribe(({ participantId, emoji }) => this.show(participantId, emoji));
    inject(DestroyRef).onDestroy(() => this.timers.forEach((timer) => clearTimeout(timer)));
  }

  /** Sends a reaction; it shows over one's own tile once the gateway took it. Rejects as the request does (`rate_limited`). */
  async send(emoji: Reaction): Promise<void> {
    await this.signaling.request('reaction.send', { emoji });
    const self = this.participants.self();
    if (self) this.show(self.id, emoji);
  }

  private show(participantId: ParticipantId, emoji: Reaction): void {
    const id = this.nextId++;
    this.shownSignal.update((list) => [...list, { id, participantId, emoji }]);
    const self = this.participants.self();
    const name = self?.id === participantId ? 'You' : this.participants.others().find((p) => p.id === participantId)?.name;
    if (name !== undefined) {
      this.announcementsSignal.update((list) => [...list, { id, text: reactionAnnouncement(name, emoji) }].slice(-ANNOUNCEMENTS_KEPT));
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.shownSignal.update((list) => list.filter((reaction) => reaction.id !== id));
    }, REACTION_SHOWN_MS);
    this.timers.add(timer);
  }
}
