import { ChangeDetectionStrategy, Component, signal, viewChild } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Dialog } from './dialog';

/** A page with an opener and one dialog, as a feature component would use it. */
@Component({
  imports: [Dialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" data-name="opener" (click)="dialog().open()">Open</button>
    <parley-dialog
      [heading]="heading()"
      [closeLabel]="closeLabel()"
      [closeButton]="closeButton()"
      [initialFocus]="initialFocus()"
      describedBy="why"
      (closed)="closes = closes + 1"
    >
      <p id="why">Why this is asked.</p>
      <button type="button" data-name="off" disabled>Off</button>
      <input data-name="field" />
    </parley-dialog>
  `,
})
class DialogHost {
  readonly dialog = viewChild.required(Dialog);
  readonly heading = signal('Room settings');
  readonly closeLabel = signal<string | null>(null);
  readonly closeButton = signal(true);
  readonly initialFocus = signal<string | null>(null);
  closes = 0;
}

/** A question with its own buttons in place of Done. */
@Component({
  imports: [Dialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-dialog heading="Go?" [closeButton]="false">
      <button dialog-actions type="button">Cancel</button>
      <button dialog-actions type="button">Go</button>
    </parley-dialog>
  `,
})
class ActionsHost {}

describe('Dialog', () => {
  let fixture: ComponentFixture<DialogHost>;
  let host: DialogHost;

  const page = () => fixture.nativeElement as HTMLElement;
  const dialog = () => page().querySelector('dialog') as HTMLDialogElement;
  const named = (name: string) => page().querySelector<HTMLElement>(`[data-name="${name}"]`) as HTMLElement;
  const buttonCalled = (name: string) =>
    Array.from(page().querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);

  /** What Escape does: a close request; resolves once the `close` event (a task later) has been handled. */
  async function escape(): Promise<void> {
    const closed = new Promise((resolve) => dialog().addEventListener('close', resolve, { once: true }));
    dialog().requestClose();
    await closed;
  }

  function openFromOpener(): void {
    named('opener').focus();
    named('opener').click();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(DialogHost);
    host = fixture.componentInstance;
    document.body.append(fixture.nativeElement);
    fixture.detectChanges();
  });

  afterEach(() => {
    if (dialog().open) dialog().close();
    fixture.destroy();
    (fixture.nativeElement as HTMLElement).remove();
  });

  it('opens as a modal dialog, named by its heading and marked aria-modal', () => {
    openFromOpener();
    expect(dialog().open).toBeTrue();
    expect(dialog().matches(':modal')).toBeTrue();
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    const title = document.getElementById(dialog().getAttribute('aria-labelledby') ?? '');
    expect(title?.tagName).toBe('H2');
    expect(title?.textContent).toBe('Room settings');
  });

  it('is described by what describedBy names', () => {
    expect(dialog().getAttribute('aria-describedby')).toBe('why');
  });

  it('names its close button "Close" and the heading in lower case', () => {
    expect(buttonCalled('Close room settings')?.title).toBe('Close room settings');
  });

  it('takes another close button name when given one', () => {
    host.closeLabel.set('Dismiss');
    fixture.detectChanges();
    expect(buttonCalled('Dismiss')).toBeDefined();
  });

  it('moves focus into the dialog on open: the first control, without a chosen one', () => {
    openFromOpener();
    expect(document.activeElement).toBe(buttonCalled('Close room settings') ?? null);
  });

  it('moves focus to the first enabled match of initialFocus', () => {
    host.initialFocus.set('button, input');
    fixture.detectChanges();
    openFromOpener();
    // The close button matches first; with it gone, the disabled "Off" is passed over for the field.
    expect(document.activeElement).toBe(buttonCalled('Close room settings') ?? null);
    dialog().close();
    host.closeButton.set(false);
    fixture.detectChanges();
    openFromOpener();
    expect(document.activeElement).toBe(named('field'));
  });

  it('closes on a close request (what Escape sends) and gives focus back to the opener', async () => {
    openFromOpener();
    named('field').focus();
    await escape();
    expect(dialog().open).toBeFalse();
    expect(document.activeElement).toBe(named('opener'));
  });

  it('closes with its close button and with Done, focus back each time', () => {
    openFromOpener();
    buttonCalled('Close room settings')?.click();
    expect(dialog().open).toBeFalse();
    expect(document.activeElement).toBe(named('opener'));
    openFromOpener();
    buttonCalled('Done')?.click();
    expect(dialog().open).toBeFalse();
    expect(document.activeElement).toBe(named('opener'));
  });

  it('emits closed once per close', async () => {
    openFromOpener();
    await escape();
    openFromOpener();
    host.dialog().close();
    expect(host.closes).toBe(2);
  });

  it('ignores a late close event once opened again', async () => {
    openFromOpener();
    const lateEvent = new Promise((resolve) => dialog().addEventListener('close', resolve, { once: true }));
    host.dialog().close();
    host.dialog().open();
    await lateEvent;
    expect(dialog().open).toBeTrue();
    expect(host.closes).toBe(1);
  });

  it('gives focus to returnFocusTo instead of the opener when told to', () => {
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    named('opener').focus();
    host.dialog().open({ returnFocusTo: elsewhere });
    host.dialog().close();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('gives focus to returnFocusTo after Escape too (not where the browser would put it)', async () => {
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    named('opener').focus();
    host.dialog().open({ returnFocusTo: elsewhere });
    await escape();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('leaves focus alone when the opener left the page meanwhile', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    host.dialog().open();
    opener.remove();
    expect(() => host.dialog().close()).not.toThrow();
    expect(document.activeElement).not.toBe(opener);
  });

  it('ignores a second open while open (the first opener still gets focus back)', () => {
    openFromOpener();
    named('field').focus();
    host.dialog().open();
    host.dialog().close();
    expect(document.activeElement).toBe(named('opener'));
  });

  it('shows projected actions instead of Done', () => {
    const question = TestBed.createComponent(ActionsHost);
    question.detectChanges();
    const actions = (question.nativeElement as HTMLElement).querySelector('.actions');
    expect(Array.from(actions?.querySelectorAll('button') ?? []).map((b) => b.textContent?.trim())).toEqual(['Cancel', 'Go']);
    question.destroy();
  });

  it('can do without a close button', () => {
    host.closeButton.set(false);
    fixture.detectChanges();
    expect(buttonCalled('Close room settings')).toBeUndefined();
    expect(page().querySelector('h2')?.textContent).toBe('Room settings');
  });

  it('keeps Tab inside while open (it starts the app’s focus trap itself)', () => {
    openFromOpener();
    buttonCalled('Done')?.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(buttonCalled('Close room settings') ?? null);
  });
});
