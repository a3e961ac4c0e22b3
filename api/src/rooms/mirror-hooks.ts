import type { ParticipantId } from '@parley/protocol';
import type { MirrorHooks } from './cluster-mirror';
import type { Lobby } from './lobby';
import type { RemoteMember } from './member';
import type { Pusher } from './pusher';
import type { Room } from './room';
import type { RoomAccess } from './room-access';
import type { RoomMedia } from './room-media';
import type { RoomRegistry } from './room-registry';
import type { ForwardedHostHandler } from './rooms.service';

/** The parts of the rooms domain that follow what other gateways do. */
export interface MirrorHookDeps {
  readonly registry: RoomRegistry;
  readonly media: RoomMedia;
  readonly pusher: Pusher;
  readonly lobby: Lobby;
  readonly access: RoomAccess;
  readonly clearGraceTimer: (id: ParticipantId) => void;
  readonly afterDeparture: (room: Room, departed: RemoteMember) => Promise<void>;
  readonly forwardedHost: () => ForwardedHostHandler | undefined;
  /** Records, on one gateway only, that someone of a dead gateway left (the chat's system line). */
  readonly dropped: (room: Room, participant: RemoteMember) => Promise<void>;
}

/** How this gateway follows what other gateways do in the rooms it serves. */
export function mirrorHooks(deps: MirrorHookDeps): MirrorHooks {
  const { media, pusher, lobby, access } = deps;
  return {
    existing: (id) => deps.registry.existing(id),
    changed: (room) => media.syncOthers(room),
    removed: async (room, participant, tellLocals) => {
      if (tellLocals) {
        // Its gateway is gone and told nobody: each gateway tells its own people.
        const wasActive = room.speakers.activeSpeaker === participant.id;
        media.broadcastLocal(room, 'participant.left', { participantId: participant.id, reason: 'disconnected' });
        if (wasActive) media.broadcastLocal(room, 'speaker.changed', room.speakers);
        await deps.dropped(room, participant);
      }
      await deps.afterDeparture(room, participant);
    },
    takenOver: async (_room, participant) => {
      deps.clearGraceTimer(participant.id);
      pusher.push(participant.id, 'session.ended', { reason: 'replaced' });
      pusher.disconnect(participant.id);
      await participant.close();
    },
    settingsChanged: async (room, settings) => {
      // Turning the lobby off lets everyone waiting here in.
      if (!settings.lobby) for (const knock of lobby.pending(room.id)) await access.decide(room, knock.requestId, true);
    },
    hostAction: async (room, action, target, byName) => {
      await deps.forwardedHost()?.(room, action, target, byName);
    },
    lobbyDecision: async (room, requestId, admit) => {
      await access.decide(room, requestId, admit);
    },
    newHost: (room, host) => {
      // Knocks wait on the gateway the knocker is connected to: each shows the new host its own.
      for (const knock of lobby.pending(room.id)) pusher.push(host.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
    },
  };
}
