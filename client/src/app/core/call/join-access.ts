import { Injectable, computed, signal } from '@angular/core';
import type { RequestPayload } from '@parley/protocol';
import { SignalingError, type SignalingErrorCode } from '../signaling/signaling-error';

/** The fields of `room.join` that get a newcomer past a room's doors. */
export type JoinCredentials = Pick<RequestPayload<'room.join'>, 'password' | 'admitToken'>;

/** Refusals that are about the password, so the password field stays up for another try. */
const PASSWORD_REFUSALS: ReadonlySet<SignalingErrorCode> = new Set(['auth.password_required', 'auth.bad_password']);

/**
 * What a newcomer brings to a room's doors (see the gateway's checkAccess):
 * the password typed in the lobby, and a host's admit token after a lobby
 * wait. The call session adds these to every fresh `room.join` and reports
 * back how the join went; the lobby reads whether to ask for a password.
 *
 * Provided per meeting by the room page (the root instance only serves
 * specs that build a call session on its own), so one meeting's password is
 * never offered to another. Nothing here is stored beyond the page.
 */
@Injectable({ providedIn: 'root' })
export class JoinAccess {
  private readonly passwordSignal = signal('');
  private readonly passwordAskedSignal = signal(false);
  private readonly refusalSignal = signal<SignalingErrorCode | null>(null);
  /** From `lobby.decision`; good for one entry. */
  private admitToken: string | null = null;

  /** The password as typed. */
  readonly password = this.passwordSignal.asReadonly();
  /**
   * True once the room asked for a password; it stays asked for this page,
   * so the field does not flicker away while a retry is in flight or after
   * a rate-limit refusal.
   */
  readonly passwordAsked = this.passwordAskedSignal.asReadonly();
  /** True while the last join was refused for want of a password (the field asks; nothing failed yet). */
  readonly passwordMissing = computed(() => this.refusalSignal() === 'auth.password_required');
  /** True while the room wants a password and none is typed: joining could only be refused again. */
  readonly passwordEmpty = computed(() => this.passwordAskedSignal() && this.passwordSignal() === '');
  /** True while the last join was refused because the password was wrong. */
  readonly passwordWrong = computed(() => this.refusalSignal() === 'auth.bad_password');
  /** True while the last join was refused for coming too fast (password guesses are limited). */
  readonly rateLimited = computed(() => this.refusalSignal() === 'rate_limited');

  setPassword(password: string): void {
    this.passwordSignal.set(password);
  }

  /** A host let us in: the next join carries their token. */
  admitWith(token: string): void {
    this.admitToken = token;
  }

  /** What the next fresh join carries (a resume needs none of it: its session token is the key). */
  credentials(): JoinCredentials {
    const password = this.passwordSignal();
    return {
      ...(this.passwordAskedSignal() && password !== '' ? { password } : {}),
      ...(this.admitToken !== null ? { admitToken: this.admitToken } : {}),
    };
  }

  /** The join went through: the admit token is spent and nothing is refused any more. */
  entered(): void {
    this.admitToken = null;
    this.refusalSignal.set(null);
  }

  /** The join failed with `error`: remember whether the room wants a (different) password. */
  refused(error: unknown): void {
    const code = error instanceof SignalingError ? error.code : null;
    if (code !== null && PASSWORD_REFUSALS.has(code)) this.passwordAskedSignal.set(true);
    // An admit token that did not get us in (expired, another room) is no use for the next try.
    if (code === 'auth.invalid_token' || code === 'auth.meeting_ended') this.admitToken = null;
    this.refusalSignal.set(code);
  }
}
