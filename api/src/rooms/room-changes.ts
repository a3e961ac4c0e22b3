import type { ClusterMirror } from './cluster-mirror';
import type { Participant } from './participant';
import type { Room } from './room';
import type { RoomMedia } from './room-media';

/**
 * A change to one of this gateway's participants that everyone must learn
 * of, as a typed domain event:
 * - `updated` — their own state (mute, camera, hand, reconnecting) changed;
 *   `others` says whether they themselves already know (they asked for it);
 * - `roleChanged` — they became host (promotion, or succession to a departed host).
 */
export type RoomChange =
  | { readonly type: 'updated'; readonly room: Room; readonly participant: Participant; readonly audience: 'others' | 'everyone' }
  | { readonly type: 'roleChanged'; readonly room: Room; readonly participant: Participant };

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
 * The two audiences of every change: the clients in the room get
 * `participant.updated` (all but the participant themselves when they asked
 * for it), and the other gateways serving the room get the new state.
 */
export function tellEveryone(changes: RoomChanges, media: RoomMedia, mirror: ClusterMirror): void {
  changes.subscribe((change) => {
    const info = change.participant.info();
    if (change.type === 'updated' && change.audience === 'others') media.broadcastExcept(change.room, change.participant.id, 'participant.updated', info);
    else media.broadcast(change.room, 'participant.updated', info);
  });
  changes.subscribe((change) => mirror.announce(change.room, change.participant));
}
