import { TestBed } from '@angular/core/testing';
import { ModalFocusTrap, topModalDialog } from './modal-focus-trap';

describe('ModalFocusTrap', () => {
  let page: HTMLElement;
  let dialog: HTMLDialogElement;
  const button = (name: string) => page.querySelector(`[data-name="${name}"]`) as HTMLElement;

  function tab(shiftKey = false): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(event);
    return event;
  }

  beforeEach(() => {
    TestBed.inject(ModalFocusTrap);
    page = document.createElement('div');
    page.innerHTML = `
      <button data-name="behind">Behind</button>
      <dialog>
        <button data-name="close">Close</button>
        <button data-name="off" disabled>Off</button>
        <select data-name="camera"><option>A</option></select>
        <button data-name="done">Done</button>
      </dialog>`;
    document.body.append(page);
    dialog = page.querySelector('dialog') as HTMLDialogElement;
  });

  afterEach(() => {
    if (dialog.open) dialog.close();
    page.remove();
  });

  it('wraps Tab from the last control of an open modal dialog to the first', () => {
    dialog.showModal();
    button('done').focus();
    expect(tab().defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(button('close'));
  });

  it('wraps Shift+Tab from the first control to the last, skipping disabled ones', () => {
    dialog.showModal();
    button('close').focus();
    tab(true);
    expect(document.activeElement).toBe(button('done'));
  });

  it('leaves Tab between the controls inside to the browser', () => {
    dialog.showModal();
    button('close').focus();
    expect(tab().defaultPrevented).toBeFalse();
  });

  it('brings focus back into the dialog when it had left it', () => {
    dialog.showModal();
    (document.activeElement as HTMLElement | null)?.blur();
    tab();
    expect(dialog.contains(document.activeElement)).toBeTrue();
  });

  it('does nothing without an open modal dialog (a non-modal one included)', () => {
    dialog.show();
    expect(topModalDialog(document)).toBeNull();
    button('done').focus();
    expect(tab().defaultPrevented).toBeFalse();
  });
});
