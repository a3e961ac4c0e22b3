import type Database from 'better-sqlite3';
import type { ChatMessage, ChatPage, ParticipantId, RoomId } from '@parley/protocol';
import type { ChatDraft } from './store';
import { TickBatch, type ItemOutcome } from './tick-batch';

interface ChatRow {
  id: number;
  kind: 'user' | 'system';
  client_id: string | null;
  sender_id: string | null;
  sender_name: string;
  text: string;
  ts: number;
}

const CHAT_COLUMNS = 'id, kind, client_id, sender_id, sender_name, text, ts';

function toMessage(row: ChatRow): ChatMessage {
  return {
    id: row.id,
    kind: row.kind,
    clientId: row.client_id,
    senderId: row.sender_id as ParticipantId | null,
    senderName: row.sender_name,
    text: row.text,
    ts: row.ts,
  };
}

/** One line to append: where, and what. */
interface Append {
  readonly room: RoomId;
  readonly meeting: string;
  readonly draft: ChatDraft;
}

/** What an append made: the stored message, and whether this append stored it. */
export interface Appended {
  readonly message: ChatMessage;
  readonly created: boolean;
}

/**
 * The SQLite store's chat: statements prepared once (better-sqlite3 compiles
 * the SQL at `prepare`, which cost more than the insert itself when done per
 * message), and appends grouped per event-loop turn into one transaction
 * ({@link TickBatch}): one commit, and one WAL append, for every line that
 * arrived in the same turn instead of one each.
 *
 * Failures: a line whose own insert fails (a constraint, a trigger's
 * ABORT) is refused alone and the rest of its batch is committed; when the
 * transaction itself is lost (the commit fails, or SQLite rolled it back on
 * an error such as a full disk or a trigger's ROLLBACK), every line of the
 * batch is refused and none is stored.
 */
export class SqliteChat {
  private readonly insert: Database.Statement<[string, string, string, string | null, string | null, string, string, number], ChatRow>;
  private readonly existing: Database.Statement<[string, string | null, string | null], ChatRow>;
  private readonly page: Database.Statement<[string, string, number, number], ChatRow>;
  private readonly batch: TickBatch<Append, Appended>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO chat_messages (room_id, meeting_id, kind, client_id, sender_id, sender_name, text, ts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (room_id, sender_id, client_id) DO NOTHING
       RETURNING ${CHAT_COLUMNS}`,
    );
    this.existing = db.prepare(`SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE room_id = ? AND sender_id IS ? AND client_id IS ?`);
    this.page = db.prepare(
      `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE room_id = ? AND meeting_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    );
    const writeAll = db.transaction((items: readonly Append[]) => items.map((item) => this.appendOne(item)));
    this.batch = new TickBatch((items) => writeAll(items));
  }

  /** Appends in this turn's transaction; resolves once it is committed. */
  append(room: RoomId, meeting: string, draft: ChatDraft): Promise<Appended> {
    return this.batch.add({ room, meeting, draft });
  }

  /** Resolves once every append asked for so far is committed or refused (before the database closes). */
  drain(): Promise<void> {
    return this.batch.drain();
  }

  /** Up to `limit` messages older than `before`, oldest first (see Store.chatPage). */
  pageOf(room: RoomId, meeting: string, limit: number, before?: number): ChatPage {
    // One extra row tells whether an older page exists.
    const rows = this.page.all(room, meeting, before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit };
  }

  /** One insert inside the batch's transaction; an error that ended the transaction refuses the whole batch. */
  private appendOne({ room, meeting, draft }: Append): ItemOutcome<Appended> {
    try {
      const inserted = this.insert.get(room, meeting, draft.kind, draft.clientId, draft.senderId, draft.senderName, draft.text, draft.ts);
      if (inserted !== undefined) return { ok: true, value: { message: toMessage(inserted), created: true } };
      const earlier = this.existing.get(room, draft.senderId, draft.clientId);
      if (earlier === undefined) throw new Error('appendChat: conflicting row vanished');
      return { ok: true, value: { message: toMessage(earlier), created: false } };
    } catch (error) {
      // SQLite undoes only the failed statement unless the error ended the transaction.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
