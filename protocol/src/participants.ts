import './zod'; // First: configures zod before any schema is built (and see there why z comes from 'zod').
import * as z from 'zod';
import { isJanusSafe, JANUS_UNSAFE_MESSAGE } from './janus-text';
import type { ParticipantId } from './ids';

/** A participant's role in its room. The first to join is the host. */
export type Role = 'host' | 'guest';

/** What everyone in a room knows about one participant. */
export interface ParticipantInfo {
  readonly id: ParticipantId;
  /** Display name, as typed in the lobby (trimmed, 1–64 characters). */
  readonly name: string;
  readonly role: Role;
  /** True when the microphone is muted or absent. */
  readonly audioMuted: boolean;
  /** True when the camera is off or absent. */
  readonly videoMuted: boolean;
  /** When they raised their hand (ms since the epoch), or `null`; order raised hands by it. */
  readonly handRaisedAt: number | null;
  /** Milliseconds since the epoch at which they joined. */
  readonly joinedAt: number;
  /**
   * Present (true) while their connection is lost and the gateway holds their
   * place for the resume grace window; their tiles should say so.
   */
  readonly reconnecting?: true;
}

/** Display names: trimmed, 1–64 characters, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(64, 'name is longer than 64 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'name contains control characters')
  // The name is the publisher's display in Janus.
  .refine(isJanusSafe, `name ${JANUS_UNSAFE_MESSAGE}`);

/** Why a participant left, as told to the others in `participant.left`. */
export type LeaveReason = 'left' | 'disconnected' | 'removed';

/** Why the gateway ended this client's session, in `session.ended`. */
export type SessionEndReason = 'removed' | 'replaced' | 'room_closed' | 'server_shutdown';
