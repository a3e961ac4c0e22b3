import { ChangeDetectionStrategy, Component, signal, viewChild } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SidePanelFrame, sidePanelHeadingId } from './side-panel-frame';

@Component({
  imports: [SidePanelFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-side-panel
      panelId="test-panel"
      [heading]="heading()"
      [count]="count()"
      [closeLabel]="closeLabel()"
      returnFocusTo="test-toggle"
      (closed)="closes = closes + 1"
    >
      <footer panel-footer data-part="footer"><textarea></textarea></footer>
      <ul data-part="body">
        <li><button type="button">Row</button></li>
      </ul>
      <dialog data-part="dialog"><button type="button">In a dialog</button></dialog>
    </parley-side-panel>
  `,
})
class PanelHost {
  readonly frame = viewChild.required(SidePanelFrame);
  readonly heading = signal('Chat');
  readonly count = signal<number | null>(null);
  readonly closeLabel = signal<string | null>(null);
  closes = 0;
}

describe('SidePanelFrame', () => {
  let fixture: ComponentFixture<PanelHost>;
  let host: PanelHost;
  let toggle: HTMLButtonElement;

  const page = () => fixture.nativeElement as HTMLElement;
  const panel = () => page().querySelector('parley-side-panel') as HTMLElement;
  const closeButton = () => panel().querySelector('header button') as HTMLButtonElement;
  const heading = () => panel().querySelector('h2') as HTMLElement;

  function escapeFrom(target: Element): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  }

  beforeEach(() => {
    toggle = document.createElement('button');
    toggle.id = 'test-toggle';
    document.body.append(toggle);
    fixture = TestBed.createComponent(PanelHost);
    host = fixture.componentInstance;
    document.body.append(fixture.nativeElement);
    fixture.detectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    (fixture.nativeElement as HTMLElement).remove();
    toggle.remove();
  });

  it('is a complementary landmark with the panel id, named by its heading', () => {
    expect(panel().getAttribute('role')).toBe('complementary');
    expect(panel().id).toBe('test-panel');
    expect(panel().getAttribute('aria-labelledby')).toBe(sidePanelHeadingId('test-panel'));
    expect(document.getElementById(sidePanelHeadingId('test-panel'))).toBe(heading());
    expect(heading().textContent).toBe('Chat');
  });

  it('puts a count after the heading, as a word of the name', () => {
    host.heading.set('Participants');
    host.count.set(3);
    fixture.detectChanges();
    expect(heading().textContent).toBe('Participants 3');
    expect(heading().querySelector('.count')?.textContent).toBe('3');
  });

  it('names its close button "Close" and the heading in lower case, or as told', () => {
    expect(closeButton().getAttribute('aria-label')).toBe('Close chat');
    expect(closeButton().title).toBe('Close chat');
    host.closeLabel.set('Hide chat');
    fixture.detectChanges();
    expect(closeButton().getAttribute('aria-label')).toBe('Hide chat');
  });

  it('lays out the heading, then the body, then the footer, whatever the order given', () => {
    const parts = Array.from(panel().children).map((child) => child.getAttribute('data-part') ?? child.tagName.toLowerCase());
    expect(parts).toEqual(['header', 'body', 'dialog', 'footer']);
  });

  it('closes with its close button and gives focus to the button that opens it', () => {
    closeButton().click();
    expect(host.closes).toBe(1);
    expect(document.activeElement).toBe(toggle);
  });

  it('closes on Escape from anywhere inside, taking the key', () => {
    const event = escapeFrom(panel().querySelector('textarea') as HTMLElement);
    expect(host.closes).toBe(1);
    expect(event.defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(toggle);
  });

  it('leaves Escape in a dialog opened from it to the dialog', () => {
    const event = escapeFrom(panel().querySelector('[data-part="dialog"] button') as HTMLElement);
    expect(host.closes).toBe(0);
    expect(event.defaultPrevented).toBeFalse();
  });

  it('leaves an Escape that something inside already took', () => {
    const row = panel().querySelector('li button') as HTMLElement;
    row.addEventListener('keydown', (event) => event.preventDefault(), { once: true });
    escapeFrom(row);
    expect(host.closes).toBe(0);
  });

  it('can put focus on its heading', () => {
    host.frame().focusHeading();
    expect(document.activeElement).toBe(heading());
  });
});
