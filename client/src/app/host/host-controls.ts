import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { PASSWORD_MIN_LENGTH, type RequestPayload } from '@parley/protocol';
import { describeError } from '../core/signaling/signaling-error';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icon';
import { RoomSettingsStore } from './room-settings';

/** What the last change did, said in the dialog's polite status line. */
type Feedback = { readonly kind: 'done' | 'error'; readonly text: string };

/**
 * (hosts only) The control bar's "Host controls" button and the dialog it
 * opens: lock the meeting, turn the lobby on or off, set or remove the
 * password. Switches act at once (each is one `host.settings` request); the
 * shown state is the room's (from `room.updated`), so a refused change flips
 * back. In the shared modal {@link Dialog}: focus stays inside, Escape
 * closes it, focus goes back to the button.
 */
@Component({
  selector: 'parley-host-controls',
  imports: [Dialog, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.isHost()) {
      <button type="button" class="round-control" aria-label="Host controls" title="Host controls" aria-haspopup="dialog" (click)="openControls()">
        <parley-icon name="shield" />
      </button>
      <parley-dialog heading="Host controls" initialFocus="input">
        @let s = store.settings();
        <div class="body">
          <p class="note scope">Settings last for this meeting: when everyone has left, the room starts over unlocked, with no password and no lobby.</p>
          <div class="switch">
            <input
              #lock
              id="host-lock"
              type="checkbox"
              role="switch"
              aria-describedby="host-lock-note"
              [checked]="s?.locked ?? false"
              [disabled]="busy()"
              (change)="applySwitch(lock, { locked: lock.checked })"
            />
            <label for="host-lock">Lock the meeting</label>
            <p id="host-lock-note" class="note">No one new can join, not even with the password. People already here stay.</p>
          </div>

          <div class="switch">
            <input
              #lobby
              id="host-lobby"
              type="checkbox"
              role="switch"
              aria-describedby="host-lobby-note"
              [checked]="s?.lobby ?? false"
              [disabled]="busy()"
              (change)="applySwitch(lobby, { lobby: lobby.checked })"
            />
            <label for="host-lobby">Lobby</label>
            <p id="host-lobby-note" class="note">Newcomers wait until a host lets them in. Turning it off lets everyone waiting in.</p>
          </div>

          <form class="password" (submit)="savePassword($event)" novalidate>
            <h3 id="host-password-title">Password</h3>
            <p class="note" data-password-state>
              {{ s?.hasPassword ? 'Joining needs a password.' : 'Anyone with the link can join without a password.' }}
            </p>
            <label for="host-password">{{ s?.hasPassword ? 'New password' : 'Password' }}</label>
            <div class="password-row">
              <input
                #password
                id="host-password"
                type="password"
                maxlength="256"
                [attr.minlength]="minLength"
                autocomplete="new-password"
                aria-describedby="host-password-hint"
                [value]="draft()"
                (input)="draft.set(password.value)"
              />
              <button type="submit" class="button primary" [disabled]="busy() || draft().length < minLength">
                {{ s?.hasPassword ? 'Change password' : 'Set password' }}
              </button>
            </div>
            <p id="host-password-hint" class="note">At least {{ minLength }} characters.</p>
            @if (s?.hasPassword) {
              <button type="button" class="button secondary remove" [disabled]="busy()" (click)="removePassword()">Remove password</button>
            }
          </form>

          <p class="feedback" role="status" [class.error]="feedback()?.kind === 'error'">{{ feedback()?.text }}</p>
        </div>
      </parley-dialog>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    :host(:empty) {
      display: none;
    }
    h3 {
      margin: 0;
      font-size: 1rem;
    }
    .body {
      display: grid;
      gap: 18px;
      padding: 10px 22px;
    }
    .switch {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 14px;
      row-gap: 2px;
      align-items: center;
    }
    .switch label {
      font-weight: 600;
      cursor: pointer;
    }
    .switch .note {
      grid-column: 2;
    }
    .note {
      margin: 0;
      color: var(--text-muted);
      font-size: 0.9rem;
      line-height: 1.4;
    }
    /* A checkbox drawn as a switch; still a native control for keyboards and screen readers. */
    input[role='switch'] {
      appearance: none;
      position: relative;
      width: 46px;
      height: 26px;
      margin: 0;
      border-radius: 13px;
      background: var(--surface-3);
      border: 1px solid var(--border);
      cursor: pointer;
      transition: background-color 120ms;
    }
    input[role='switch']::after {
      content: '';
      position: absolute;
      top: 2px;
      left: 2px;
      width: 20px;
      height: 20px;
      border-radius: 50%;
      background: #cfd3e0;
      transition: transform 120ms;
    }
    input[role='switch']:checked {
      background: var(--accent-strong);
      border-color: transparent;
    }
    input[role='switch']:checked::after {
      transform: translateX(20px);
      background: #fff;
    }
    input[role='switch']:disabled {
      opacity: 0.6;
      cursor: progress;
    }
    .password {
      display: grid;
      gap: 8px;
      padding-top: 14px;
      border-top: 1px solid var(--border);
    }
    .password label {
      font-weight: 600;
    }
    .password-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .password-row input {
      flex: 1 1 12rem;
      min-width: 0;
      height: 48px;
      padding: 0 14px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
      font-size: 1rem;
    }
    .password-row input:focus-visible {
      outline-offset: 0;
      border-color: var(--accent);
    }
    .remove {
      justify-self: start;
    }
    .feedback {
      min-height: 1.4em;
      margin: 0;
      color: var(--text-muted);
      font-size: 0.95rem;
    }
    .feedback.error {
      color: #ffb4b6;
    }
  `,
})
export class HostControls {
  protected readonly store = inject(RoomSettingsStore);
  private readonly dialog = viewChild(Dialog);
  /** The password being typed; cleared once it is set. */
  protected readonly draft = signal('');
  /** The gateway refuses shorter passwords (`auth.weak_password`); the button waits for this many characters. */
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  private readonly pending = signal(0);
  protected readonly busy = computed(() => this.pending() > 0);
  protected readonly feedback = signal<Feedback | null>(null);

  /** Opens the dialog with a fresh status line, focusing its first switch. */
  openControls(): void {
    const dialog = this.dialog();
    if (!dialog || dialog.isOpen) return;
    this.feedback.set(null);
    dialog.open();
  }

  /** A switch was flipped: ask the gateway, and flip it back if the change is refused. */
  protected async applySwitch(input: HTMLInputElement, change: RequestPayload<'host.settings'>): Promise<void> {
    const done = await this.apply(change);
    if (!done) input.checked = !input.checked;
  }

  protected async savePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const password = this.draft();
    if (password.length < this.minLength) return;
    if (await this.apply({ password })) this.draft.set('');
  }

  protected removePassword(): Promise<boolean> {
    return this.apply({ password: null });
  }

  private async apply(change: RequestPayload<'host.settings'>): Promise<boolean> {
    this.pending.update((n) => n + 1);
    try {
      await this.store.change(change);
      this.feedback.set({ kind: 'done', text: describeChange(change) });
      return true;
    } catch (error) {
      this.feedback.set({ kind: 'error', text: `That did not work: ${describeError(error)}` });
      return false;
    } finally {
      this.pending.update((n) => n - 1);
    }
  }
}

/** The sentence the status line says after a change went through. */
export function describeChange(change: RequestPayload<'host.settings'>): string {
  if (change.locked !== undefined) return change.locked ? 'The meeting is locked.' : 'The meeting is unlocked.';
  if (change.lobby !== undefined) return change.lobby ? 'The lobby is on.' : 'The lobby is off.';
  if (change.password === null) return 'The password is removed.';
  return 'The password is set.';
}
