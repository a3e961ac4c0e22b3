import { CHAT_PAGE_SIZE, type JoinResult } from '@parley/protocol';
import type { SessionTokens } from '../auth/session-tokens';
import type { Config } from '../config/config';
import type { Store } from '../store/store';
import type { TurnCredentials } from '../turn/turn-credentials';
import type { LocalParticipant } from './participant';
import type { Room } from './room';
import type { SessionRef } from './rooms.service';

/**
 * Builds what a joining (or resuming) participant gets back: everything the
 * call screen needs at once. Pure of side effects: the first subscriber
 * offer is the caller's to add (`RoomEntry`), as it changes the SFU.
 */
export class JoinResults {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly store: Store,
    private readonly config: Config,
    private readonly turn: TurnCredentials | undefined,
  ) {}

  async build(room: Room, participant: LocalParticipant): Promise<{ session: SessionRef; result: JoinResult }> {
    const [token, chat, record] = await Promise.all([
      this.tokens.issue({ participantId: participant.id, room: room.id, meeting: room.meeting.id, role: participant.role }),
      this.store.chatPage(room.id, room.meeting.id, CHAT_PAGE_SIZE),
      this.store.getRoom(room.id),
    ]);
    return {
      session: { room: room.id, participantId: participant.id },
      result: {
        room: room.id,
        self: participant.info(),
        participants: room.participants.filter((p) => p.id !== participant.id).map((p) => p.info()),
        token,
        iceServers: this.turn?.iceServersFor(participant.id) ?? [...this.config.iceServers],
        meeting: { id: room.meeting.id, startedAt: room.meeting.startedAt },
        chat,
        settings: { locked: room.locked, lobby: room.lobby, hasPassword: (record?.passwordHash ?? null) !== null },
        speakers: room.speakers,
      },
    };
  }
}
