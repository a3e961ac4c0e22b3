import type { ParticipantId, RemoteStream, RoomId } from '@parley/protocol';
import type { RoomMember } from './member';
import type { LocalParticipant } from './participant';
import type { MeetingRecord } from '../store/store';
import type { SfuRoom, SfuStreamRef, SfuSubscribedStream } from './sfu';
import { streamKey } from './subscriber-session';

/**
 * A live room: its members in join order (this gateway's own participants,
 * and mirrors of other gateways' when several serve it) and its SFU room.
 * The gateway owns this truth; the SFU only carries media.
 */
export class Room {
  private readonly members = new Map<ParticipantId, RoomMember>();
  private closed = false;
  private readonly talking = new Set<ParticipantId>();
  /** No new joins (hosts decide; reset with the meeting, when the room closes). */
  locked = false;
  /** Newcomers wait until a host admits them (reset when the room closes). */
  lobby = false;
  private active: ParticipantId | null = null;

  constructor(
    readonly id: RoomId,
    private sfuRoom: SfuRoom,
    /** The meeting going on (see `meetings.ts`): it ends when the room closes. */
    readonly meeting: MeetingRecord,
  ) {}

  /** The meeting whose doors these are (see `Door`). */
  get meetingId(): string {
    return this.meeting.id;
  }

  /** The SFU room carrying this room's media. */
  get sfu(): SfuRoom {
    return this.sfuRoom;
  }

  /** Points the room at a new SFU room after the SFU restarted; the old one is dead already. */
  replaceSfu(sfuRoom: SfuRoom): void {
    this.sfuRoom = sfuRoom;
    this.talking.clear();
  }

  get size(): number {
    return this.members.size;
  }

  /** Everyone, on every gateway, oldest first. */
  get participants(): RoomMember[] {
    return [...this.members.values()];
  }

  /** This gateway's own participants, oldest first. */
  get locals(): LocalParticipant[] {
    return this.participants.filter((member): member is LocalParticipant => member.local);
  }

  get(id: ParticipantId): RoomMember | undefined {
    return this.members.get(id);
  }

  /** This gateway's own participant `id`; undefined when absent or held by another gateway. */
  local(id: ParticipantId): LocalParticipant | undefined {
    const member = this.members.get(id);
    return member?.local === true ? member : undefined;
  }

  add(member: RoomMember): void {
    this.members.set(member.id, member);
  }

  remove(id: ParticipantId): RoomMember | undefined {
    const participant = this.members.get(id);
    this.members.delete(id);
    this.talking.delete(id);
    if (this.active === id) this.active = null;
    return participant;
  }

  /**
   * Who has been here longest: the first in join order, or with several
   * gateways (whose join orders differ) the earliest join time, then the
   * lowest id, so every gateway picks the same person.
   */
  longestPresent(acrossGateways: boolean): RoomMember | undefined {
    const everyone = this.participants;
    if (!acrossGateways) return everyone[0];
    return everyone.sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id))[0];
  }

  /** The hosts present. */
  get hosts(): RoomMember[] {
    return this.participants.filter((p) => p.role === 'host');
  }

  /** Who talks now and who the speaker layout shows (see `speaker.changed`). */
  get speakers(): { activeSpeaker: ParticipantId | null; speaking: ParticipantId[] } {
    return { activeSpeaker: this.active, speaking: [...this.talking] };
  }

  /**
   * Records a change of someone's talking state; true when what clients show
   * changed. The active speaker is the latest to start talking and stays
   * until someone else starts or they leave.
   */
  setTalking(id: ParticipantId, talking: boolean): boolean {
    if (!this.members.has(id) || this.talking.has(id) === talking) return false;
    if (talking) {
      this.talking.add(id);
      this.active = id;
    } else {
      this.talking.delete(id);
    }
    return true;
  }

  /** The participant publishing feed `feedId`, if any. */
  byFeed(feedId: number | string): RoomMember | undefined {
    return this.participants.find((p) => String(p.feedId) === String(feedId));
  }

  /** Every stream `viewer` should receive: all others' published tracks. */
  streamsFor(viewer: ParticipantId): Map<string, SfuStreamRef> {
    const wanted = new Map<string, SfuStreamRef>();
    const here = this.sfuRoom.instance;
    for (const participant of this.members.values()) {
      if (participant.id === viewer) continue;
      // A feed another gateway announced on an SFU instance this room is not on
      // (it was lost, and that gateway has not moved its people yet): the SFU
      // here would refuse it (Janus: 428 no such feed), failing the whole update.
      const there = participant.local ? undefined : participant.feedInstance;
      if (here !== undefined && there !== undefined && there !== here) continue;
      for (const track of participant.published.values()) {
        const ref = { feedId: participant.feedId, mid: track.mid };
        wanted.set(streamKey(ref), ref);
      }
    }
    return wanted;
  }

  /** Maps a subscriber's m-lines to the participants and sources they carry. */
  describe(streams: readonly SfuSubscribedStream[]): RemoteStream[] {
    const byFeed = new Map(this.participants.map((p) => [String(p.feedId), p]));
    const described: RemoteStream[] = [];
    for (const stream of streams) {
      if (!stream.active || stream.kind === 'data' || stream.feedId === undefined || stream.feedMid === undefined) {
        continue;
      }
      const owner = byFeed.get(String(stream.feedId));
      const track = owner?.published.get(stream.feedMid);
      if (owner === undefined || track === undefined) continue;
      described.push({ mid: stream.mid, participantId: owner.id, kind: stream.kind, source: track.source });
    }
    return described;
  }

  /**
   * Closes this gateway's participants, then the SFU room: destroyed, or with
   * `keepSfuRoom` (other gateways still serve the room) left in place for
   * them. Idempotent.
   */
  async close(keepSfuRoom = false): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const ours = this.locals;
    this.members.clear();
    await Promise.allSettled(ours.map((p) => p.close()));
    if (keepSfuRoom && this.sfuRoom.release !== undefined) await this.sfuRoom.release();
    else await this.sfuRoom.destroy();
  }
}
