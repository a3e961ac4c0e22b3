import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, inject, viewChild } from '@angular/core';
import { JoinAccess } from '../core/call/join-access';

/**
 * The lobby's "Meeting password" field, shown once a room has asked for a
 * password (`auth.password_required`). It sits inside the join form, so
 * Enter joins with it. What was typed goes to {@link JoinAccess}, which the
 * call session reads on the next join; the refusal itself ("That password
 * is wrong", "wait") is the lobby's alert, so it is said once. Focus moves
 * here when it appears and after a wrong password (text selected, to retype).
 */
@Component({
  selector: 'parley-password-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label for="meeting-password">Meeting password</label>
    <input
      #input
      id="meeting-password"
      name="meeting-password"
      type="password"
      maxlength="256"
      autocomplete="off"
      enterkeyhint="go"
      aria-describedby="meeting-password-hint"
      [attr.aria-invalid]="access.passwordWrong() ? 'true' : null"
      [value]="access.password()"
      (input)="access.setPassword(input.value)"
    />
    <p id="meeting-password-hint" class="hint">This meeting needs a password. Ask the host for it.</p>
  `,
  styles: `
    :host {
      display: grid;
      gap: 8px;
      margin-top: 8px;
    }
    label {
      font-weight: 600;
    }
    input {
      height: 48px;
      padding: 0 14px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
      font-size: 1rem;
      transition: border-color 120ms;
    }
    input:hover {
      border-color: #454b5e;
    }
    input:focus-visible {
      outline-offset: 0;
      border-color: var(--accent);
    }
    input[aria-invalid='true'] {
      border-color: var(--danger);
    }
    .hint {
      margin: 0;
      color: var(--text-muted);
      font-size: 0.9rem;
    }
  `,
})
export class PasswordField {
  protected readonly access = inject(JoinAccess);
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');

  constructor() {
    let focusedOnce = false;
    afterRenderEffect(() => {
      const wrong = this.access.passwordWrong();
      const input = this.input().nativeElement;
      if (focusedOnce && !wrong) return;
      focusedOnce = true;
      input.focus();
      if (wrong) input.select();
    });
  }
}
