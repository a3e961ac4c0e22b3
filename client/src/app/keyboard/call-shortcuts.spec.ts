import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { CallShortcuts, availableShortcuts, type ShortcutHandlers } from './call-shortcuts';
import { ShortcutHelp } from './shortcut-help';

@Component({
  imports: [CallShortcuts, ShortcutHelp],
  template: `
    <div [parleyCallShortcuts]="handlers()">
      <textarea aria-label="Message"></textarea>
      <button type="button" id="outside">Outside</button>
      <parley-shortcut-help [shortcuts]="list()" />
    </div>
  `,
})
class Host {
  readonly handlers = signal<ShortcutHandlers>({});
  readonly list = signal(availableShortcuts({}));
}

describe('CallShortcuts', () => {
  let fixture: ComponentFixture<Host>;
  const element = () => fixture.nativeElement as HTMLElement;

  function setHandlers(handlers: ShortcutHandlers): void {
    fixture.componentInstance.handlers.set(handlers);
    fixture.componentInstance.list.set(availableShortcuts(handlers));
    fixture.detectChanges();
  }

  function openHelp(): void {
    const help = fixture.debugElement.query((debug) => debug.componentInstance instanceof ShortcutHelp);
    (help.componentInstance as ShortcutHelp).openHelp();
  }

  function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    document.body.append(fixture.nativeElement as HTMLElement);
    fixture.detectChanges();
  });

  afterEach(() => {
    element().querySelector('dialog')?.close();
    element().remove();
  });

  it('runs the handler of a shortcut pressed anywhere on the page, and takes the key', () => {
    const mute = jasmine.createSpy('mute');
    setHandlers({ 'toggle-microphone': mute });
    const event = press('m');
    expect(mute).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBeTrue();
  });

  it('runs nothing while typing in a text box, and leaves the key to the text box', () => {
    const mute = jasmine.createSpy('mute');
    setHandlers({ 'toggle-microphone': mute });
    const event = press('m', element().querySelector('textarea') as HTMLTextAreaElement);
    expect(mute).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBeFalse();
  });

  it('leaves a key alone when its action has no handler here', () => {
    setHandlers({});
    expect(press('s').defaultPrevented).toBeFalse();
  });

  it('leaves Escape to the page when the handler did nothing', () => {
    setHandlers({ 'close-panel': () => false });
    expect(press('Escape').defaultPrevented).toBeFalse();
    setHandlers({ 'close-panel': () => true });
    expect(press('Escape').defaultPrevented).toBeTrue();
  });

  it('takes no keys while a modal dialog is open, even with focus outside it', () => {
    const mute = jasmine.createSpy('mute');
    setHandlers({ 'toggle-microphone': mute });
    openHelp();
    press('m', document.body);
    expect(mute).not.toHaveBeenCalled();
  });

  it('stops listening when the call view goes', () => {
    const mute = jasmine.createSpy('mute');
    setHandlers({ 'toggle-microphone': mute });
    fixture.destroy();
    press('m');
    expect(mute).not.toHaveBeenCalled();
  });

  it('lists in the help only the shortcuts this call offers', () => {
    setHandlers({ 'toggle-microphone': () => undefined, 'toggle-chat': () => undefined });
    openHelp();
    fixture.detectChanges();
    const keys = Array.from(element().querySelectorAll('[data-shortcut] kbd')).map((kbd) => kbd.textContent);
    expect(keys).toEqual(['M', 'C', 'Ctrl + D']);
    expect(element().querySelector('dialog')?.open).toBeTrue();
  });

  it('gives focus back to what had it when the help closes', async () => {
    setHandlers({ 'toggle-microphone': () => undefined });
    const outside = element().querySelector('#outside') as HTMLButtonElement;
    outside.focus();
    openHelp();
    const dialog = element().querySelector('dialog') as HTMLDialogElement;
    expect(dialog.contains(document.activeElement)).toBeTrue();
    const closed = new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
    dialog.close();
    await closed;
    expect(document.activeElement).toBe(outside);
  });
});
