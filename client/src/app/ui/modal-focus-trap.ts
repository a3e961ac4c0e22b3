import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';

/** What Tab can land on. */
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';

/** The open modal `<dialog>` on top (the last one opened), or null. */
export function topModalDialog(document: Document): HTMLDialogElement | null {
  const open = Array.from(document.querySelectorAll('dialog')).filter((dialog) => dialog.open && dialog.matches(':modal'));
  return open.at(-1) ?? null;
}

/** The elements of `root` that Tab visits, in order. */
export function tabbables(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      !element.closest('[inert]') &&
      element.getClientRects().length > 0,
  );
}

/**
 * Keeps Tab inside the open modal dialog. `showModal()` makes the page
 * behind inert, but Chromium still lets Tab leave the last control for the
 * browser's own toolbar (and shortcuts then act on the call behind the
 * dialog); here Tab wraps from the last control to the first, and
 * Shift+Tab the other way. One listener for every dialog of the app, so
 * each dialog only has to be a native modal `<dialog>`.
 */
@Injectable({ providedIn: 'root' })
export class ModalFocusTrap {
  constructor() {
    const document = inject(DOCUMENT);
    const wrap = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const dialog = topModalDialog(document);
      if (!dialog) return;
      const stops = tabbables(dialog);
      const first = stops[0];
      const last = stops.at(-1);
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      const inside = active !== null && dialog.contains(active);
      if (event.shiftKey && (!inside || active === first)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || active === last)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', wrap, true);
    inject(DestroyRef).onDestroy(() => document.removeEventListener('keydown', wrap, true));
  }
}
