import type { Logger } from '@nestjs/common';
import type { RoomId } from '@parley/protocol';
import type { ClusterMirror } from './cluster-mirror';
import type { LocalParticipant } from './participant';
import type { Pusher } from './pusher';
import type { Room } from './room';
import type { RoomMedia } from './room-media';
import type { Sfu } from './sfu';

/**
 * Rebuilds this gateway's rooms when the SFU comes back after a loss, or
 * only a room's when its SFU server was lost; returns the unsubscribers.
 */
export function rebuildOnSfuLoss(sfu: Sfu, logger: Logger, rebuild: (only?: readonly RoomId[]) => Promise<void>): Array<() => void> {
  return [
    sfu.onConnectionChange((up) => {
      if (up) rebuild().catch((error: unknown) => logger.error(`Rebuilding rooms: ${String(error)}`));
      else logger.warn('The SFU is down: media stops until it is back; rooms and chat carry on');
    }),
    sfu.onRoomLost((id) => {
      rebuild([id as RoomId]).catch((error: unknown) => logger.error(`Rebuilding room ${id}: ${String(error)}`));
    }),
  ];
}

/** What rebuilding a room after its SFU was lost needs. */
export interface RebuildDeps {
  readonly sfu: Sfu;
  readonly media: RoomMedia;
  readonly mirror: ClusterMirror;
  readonly pusher: Pusher;
  readonly logger: Logger;
}

/**
 * Recreates `room` in the SFU, gives each of this gateway's participants
 * fresh handles (others' gateways do the same for theirs), and asks their
 * clients to publish again (`media.restart`). Never rejects: a room that
 * cannot be rebuilt is logged.
 *
 * With several gateways, another one may have moved its people to the new
 * SFU room and announced their republished feeds before this one noticed
 * the loss: the fresh subscriptions take those at once (a feed still
 * announced on the lost instance is left out, see `Room.streamsFor`), as
 * nothing else in the room may change to make them look.
 */
export async function rebuildRoom(deps: RebuildDeps, room: Room, maxPublishers: number): Promise<void> {
  const rebuilt: LocalParticipant[] = [];
  // Fresh subscriptions make no offer before their client was told to start over (see the end).
  let restartSent: () => void = () => undefined;
  const restarted = new Promise<void>((resolve) => (restartSent = resolve));
  try {
    room.replaceSfu(await deps.sfu.createRoom(room.id, { maxPublishers }));
    deps.media.watchTalking(room);
    for (const participant of room.locals) {
      const { publisher, subscription } = await deps.media.create(room, participant.id, participant.name);
      // Another gateway's announcement may sync it while the rest is rebuilt.
      subscription.holdUntil(restarted);
      await participant.replaceMedia(publisher, subscription);
      await deps.mirror.announce(room, participant);
      rebuilt.push(participant);
    }
    deps.logger.log(`Rebuilt room ${room.id} with ${room.size} participant(s) after its SFU was lost`);
  } catch (error) {
    deps.logger.error(`Could not rebuild room ${room.id}: ${String(error)}`);
  }
  // Only once everyone has fresh handles: a publish arriving earlier would
  // sync the others' subscriptions about to be replaced, and theirs would
  // never learn of that feed (seen as a missing video after a failover).
  for (const participant of rebuilt) deps.pusher.push(participant.id, 'media.restart', {});
  restartSent();
  for (const participant of rebuilt) participant.subscription.sync();
}
