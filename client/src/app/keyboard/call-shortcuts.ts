import { DOCUMENT } from '@angular/common';
import { Directive, inject, input } from '@angular/core';
import { topModalDialog } from '../ui/modal-focus-trap';
import { SHORTCUTS, shortcutFor, type Shortcut, type ShortcutAction } from './shortcuts';

/**
 * What each shortcut does in this call. An action without a handler is not
 * offered (no "S" where the browser cannot share a screen); a handler that
 * returns `false` did nothing (Escape with no panel open), so the key keeps
 * its usual meaning.
 */
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => boolean | void>>;

/** The shortcuts that do something here, for the help dialog. */
export function availableShortcuts(handlers: ShortcutHandlers): Shortcut[] {
  return SHORTCUTS.filter((shortcut) => handlers[shortcut.action] !== undefined);
}

/**
 * Listens for the call's keyboard shortcuts on the whole document (so they
 * work wherever focus is, except where {@link shortcutFor} says typing or a
 * dialog comes first) and runs the matching handler. Put it on the call's
 * root element: it lives exactly as long as the call is on screen.
 */
@Directive({
  selector: '[parleyCallShortcuts]',
  host: { '(document:keydown)': 'handleKey($event)' },
})
export class CallShortcuts {
  readonly handlers = input.required<ShortcutHandlers>({ alias: 'parleyCallShortcuts' });

  private readonly document = inject(DOCUMENT);

  protected handleKey(event: KeyboardEvent): void {
    // A modal dialog is what the person works with: the call behind it takes no keys.
    if (topModalDialog(this.document)) return;
    const action = shortcutFor(event);
    const handler = action === null ? undefined : this.handlers()[action];
    if (!handler || handler() === false) return;
    // Taken: no "?" typed anywhere, no browser bookmark dialog for Ctrl+D.
    event.preventDefault();
  }
}
