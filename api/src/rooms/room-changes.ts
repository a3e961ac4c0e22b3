import type { LeaveReason } from '@parley/protocol';
import type { ClusterMirror } from './cluster-mirror';
import type { LocalParticipant } from './participant';
import type { Room } from './room';
import type { RoomMedia } from './room-media';

/**
 * A change to one of this gateway's participants that everyone must learn
 * of, as a typed domain event:
 * - `joined` — they came in (a resume or a takeover is `updated`: the others knew them);
 * - `left` — they are out of the room (already removed from it), for `reason`;
 * - `updated` — their own state (mute, camera, hand, reconnecting) changed;
 *   `others` says whether they themselves already know (they asked for it);
 * - `roleChanged` — they became host (promotion, or succession to a departed host).
 */
export type RoomChange =
  | { readonly type: 'joined'; readonly room: Room; readonly participant: LocalParticipant }
  | { readonly type: 'left'; readonly room: Room; readonly participant: LocalParticipant; readonly reason: LeaveReason }
  | { readonly type: 'updated'; readonly room: Room; readonly participant: LocalParticipant; readonly audience: 'others' | 'everyone' }
  | { readonly type: 'roleChanged'; readonly room: Room; readonly participant: LocalParticipant };

/** Hears every change; the returned promise is awaited before the change counts as told. */
export type RoomChangeListener = (change: RoomChange) => Promise<void> | void;

/**
 * One path for a change: the code that changes a participant publishes a
 * `RoomChange`, and the subscribers (the pushes to clients, the cluster
 * mirror) each tell their audience. Adding an audience is one subscriber,
 * not another line at every place a participant changes.
 */
export class RoomChanges {
  private readonly listeners: RoomChangeListener[] = [];

  /** Adds a subscriber, told of every change in the order subscribed. */
  subscribe(listener: RoomChangeListener): void {
    this.listeners.push(listener);
  }

  /** Tells every subscriber, one after the other. */
  async publish(change: RoomChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }
}

/**
 * The two audiences of every change: the clients in the room get the push
 * (`participant.joined` and `participant.updated` go to all but the
 * participant when they know already), and the other gateways serving the
 * room get the new state, or that they left.
 */
export function tellEveryone(changes: RoomChanges, media: RoomMedia, mirror: ClusterMirror): void {
  changes.subscribe((change) => {
    const { room, participant } = change;
    switch (change.type) {
      case 'joined':
        return media.broadcastExcept(room, participant.id, 'participant.joined', participant.info());
      case 'left':
        return media.broadcast(room, 'participant.left', { participantId: participant.id, reason: change.reason });
      case 'updated':
        if (change.audience === 'others') return media.broadcastExcept(room, participant.id, 'participant.updated', participant.info());
        return media.broadcast(room, 'participant.updated', participant.info());
      case 'roleChanged':
        return media.broadcast(room, 'participant.updated', participant.info());
    }
  });
  changes.subscribe((change) =>
    change.type === 'left' ? mirror.announceLeft(change.room, change.participant.id) : mirror.announce(change.room, change.participant),
  );
}
