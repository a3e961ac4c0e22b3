import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { Icon, type IconName } from './icon';
import { ToggleButton, type ToggleTone } from './toggle-button';

@Component({
  imports: [ToggleButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-toggle-button
      icon="hand"
      label="Raise hand"
      [pressedLabel]="pressedLabel()"
      [pressedIcon]="pressedIcon()"
      [pressed]="pressed()"
      [tone]="tone()"
      [controls]="controls()"
      [buttonId]="buttonId()"
      [disabled]="disabled()"
      (toggled)="presses = presses + 1"
    >
      <span class="badge" aria-hidden="true">3</span>
    </parley-toggle-button>
  `,
})
class ToggleHost {
  readonly pressed = signal(false);
  readonly pressedLabel = signal<string | null>('Lower hand');
  readonly pressedIcon = signal<IconName | null>(null);
  readonly tone = signal<ToggleTone>('warning');
  readonly controls = signal<string | null>(null);
  readonly buttonId = signal<string | null>(null);
  readonly disabled = signal(false);
  presses = 0;
}

describe('ToggleButton', () => {
  let fixture: ComponentFixture<ToggleHost>;
  let host: ToggleHost;
  const button = () => (fixture.nativeElement as HTMLElement).querySelector('button') as HTMLButtonElement;
  const icon = () => fixture.debugElement.query(By.directive(Icon)).componentInstance as Icon;

  function set(change: (host: ToggleHost) => void): void {
    change(host);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(ToggleHost);
    host = fixture.componentInstance;
    fixture.detectChanges();
  });

  it('says what pressing does while not pressed, with aria-pressed false', () => {
    expect(button().getAttribute('aria-label')).toBe('Raise hand');
    expect(button().title).toBe('Raise hand');
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });

  it('says what pressing does while pressed, with aria-pressed true', () => {
    set((h) => h.pressed.set(true));
    expect(button().getAttribute('aria-label')).toBe('Lower hand');
    expect(button().title).toBe('Lower hand');
    expect(button().getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps one name in both states when no pressed name is given', () => {
    set((h) => {
      h.pressedLabel.set(null);
      h.pressed.set(true);
    });
    expect(button().getAttribute('aria-label')).toBe('Raise hand');
  });

  it('shows the pressed icon only while pressed', () => {
    set((h) => h.pressedIcon.set('close'));
    expect(icon().name()).toBe('hand');
    set((h) => h.pressed.set(true));
    expect(icon().name()).toBe('close');
  });

  it('takes its tone’s colours only while pressed', () => {
    expect(button().classList.contains('warning')).toBeFalse();
    set((h) => h.pressed.set(true));
    expect(button().classList).toContain('warning');
    expect(button().classList).toContain('round-control');
  });

  it('for a panel: says the state with aria-expanded, pointing at the panel only while it is open', () => {
    set((h) => h.controls.set('the-panel'));
    expect(button().hasAttribute('aria-pressed')).toBeFalse();
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(button().hasAttribute('aria-controls')).toBeFalse();
    set((h) => h.pressed.set(true));
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(button().getAttribute('aria-controls')).toBe('the-panel');
  });

  it('carries an id only when given one', () => {
    expect(button().hasAttribute('id')).toBeFalse();
    set((h) => h.buttonId.set('the-toggle'));
    expect(button().id).toBe('the-toggle');
  });

  it('emits a press on click, and none while disabled', () => {
    button().click();
    expect(host.presses).toBe(1);
    set((h) => h.disabled.set(true));
    expect(button().disabled).toBeTrue();
    button().click();
    expect(host.presses).toBe(1);
  });

  it('puts projected content (a badge) inside the button, after the icon', () => {
    const badge = button().querySelector('.badge');
    expect(badge?.textContent).toBe('3');
    expect(button().lastElementChild).toBe(badge);
  });
});
