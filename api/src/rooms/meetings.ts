import { randomUUID } from 'node:crypto';
import type { RoomId } from '@parley/protocol';
import type { Config } from '../config/config';
import type { MeetingRecord, RoomRecord, Store } from '../store/store';

/** How often each live room is touched in the store, so its meeting reads as going on. */
export const MEETING_TOUCH_MS = 15_000;
const DAY_MS = 24 * 3600 * 1000;
/** With `CHAT_RETENTION=meeting`, how long a room quiet since a gateway stopped keeps what its meeting left behind. */
const STALE_MEETING_PURGE_MS = DAY_MS;

/**
 * A room's meetings, in the store: a meeting starts when someone joins the
 * empty room and ends when the room closes (empty past its grace). Its
 * chat, password and admissions are its own. A gateway that stops (or
 * crashes) ends nothing: its meeting goes on for whoever resumes within
 * the grace, read from the store's record of the room, touched every
 * {@link MEETING_TOUCH_MS} while live; past that it is stale, and the next
 * opener ends it and starts a new one.
 */
export class Meetings {
  constructor(
    private readonly store: Store,
    private readonly config: Config,
  ) {}

  /** The meeting going on in room `id` as the store has it, or null: none, or stale. */
  async current(id: RoomId, now = Date.now()): Promise<MeetingRecord | null> {
    return this.going(await this.store.getRoom(id), now);
  }

  /** The meeting of a room record if it is going on at `now` (its room was active recently enough). */
  going(record: RoomRecord | undefined, now = Date.now()): MeetingRecord | null {
    if (record === undefined || record.meeting === null || record.lastActiveAt < this.freshSince(now)) return null;
    return record.meeting;
  }

  /** Opens room `id` here: joins the meeting going on (another gateway's, or one this gateway had before a restart) or starts one. */
  async open(id: RoomId, now = Date.now()): Promise<MeetingRecord> {
    const { meeting, replaced } = await this.store.openMeeting(id, { id: randomUUID(), startedAt: now }, this.freshSince(now));
    // Left behind by a gateway that stopped: it ends now, as it would have.
    if (replaced !== null) await this.store.endMeeting(id, replaced, this.chatKeptUntil(now));
    return meeting;
  }

  /** Room `id` closed everywhere: its meeting ends, and its chat goes (or is kept, per `CHAT_RETENTION`). */
  async end(id: RoomId, meeting: MeetingRecord, now = Date.now()): Promise<void> {
    await this.store.endMeeting(id, meeting.id, this.chatKeptUntil(now));
  }

  /** Marks live rooms active, so their meetings read as going on. */
  async touch(ids: readonly RoomId[], now = Date.now()): Promise<void> {
    await this.store.touchRooms(ids, now);
  }

  /** Deletes chat kept past its retention, and rooms quiet for longer; returns the messages removed. */
  purge(now = Date.now()): Promise<number> {
    const days = this.config.chat.retentionDays;
    return this.store.purge(now, now - (days === null ? STALE_MEETING_PURGE_MS : Math.max(days * DAY_MS, STALE_MEETING_PURGE_MS)));
  }

  private chatKeptUntil(now: number): number | null {
    const days = this.config.chat.retentionDays;
    return days === null ? null : now + days * DAY_MS;
  }

  /** A room active since then still has its meeting: a resume grace and two missed touches. */
  private freshSince(now: number): number {
    return now - (this.config.resumeGraceSeconds * 1000 + 2 * MEETING_TOUCH_MS);
  }
}
