import type { ChatMessage, ParticipantId, PushName } from '@parley/protocol';
import type { Pusher, RoomAudience } from '../pusher';

/** A Pusher for unit tests: records every push and disconnect. */
export class RecordingPusher implements Pusher {
  readonly pushes: { to: ParticipantId; event: PushName; payload: unknown }[] = [];
  readonly disconnected: ParticipantId[] = [];

  push(to: ParticipantId, event: PushName, payload: unknown): void {
    this.pushes.push({ to, event, payload });
  }

  /** Recorded as the personal pushes the room's members (at that moment) get. */
  pushToRoom(room: RoomAudience, except: ParticipantId | null, event: PushName, payload: unknown): void {
    for (const { id } of room.participants) if (id !== except) this.push(id, event, payload);
  }

  disconnect(participantId: ParticipantId): void {
    this.disconnected.push(participantId);
  }

  /** The payloads of `event` pushed to `id`, in order. */
  to(id: ParticipantId, event: PushName): unknown[] {
    return this.pushes.filter((p) => p.to === id && p.event === event).map((p) => p.payload);
  }

  /** Every chat line pushed, with its receiver. */
  get chat(): { to: ParticipantId; message: ChatMessage }[] {
    return this.pushes.filter((p) => p.event === 'chat.message').map((p) => ({ to: p.to, message: p.payload as ChatMessage }));
  }
}
