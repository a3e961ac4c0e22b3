import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { Icon, type IconName } from './icon';

/**
 * How the button looks while pressed: `danger` for something off that is
 * normally on (a muted microphone), `warning` for a raised hand, `accent`
 * for something running (sharing the screen), `selected` for an open panel.
 */
export type ToggleTone = 'selected' | 'accent' | 'danger' | 'warning';

/**
 * A round control-bar button with two states. Its name says what pressing
 * it does in each state ("Mute microphone" / "Unmute microphone"), and the
 * state is exposed to assistive technology: as `aria-pressed`, or, for a
 * button that shows and hides a panel (`controls` set), as `aria-expanded`
 * with `aria-controls` pointing at the open panel (a disclosure, where
 * `aria-pressed` would be the wrong question). Anything projected (a
 * badge, drawn by the user of this component) goes inside the button,
 * after the icon; it should be `aria-hidden` and said in the name instead.
 */
@Component({
  selector: 'parley-toggle-button',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="round-control"
      [class]="pressed() ? 'pressed ' + tone() : ''"
      [attr.id]="buttonId()"
      [attr.aria-label]="name()"
      [attr.aria-pressed]="controls() === null ? pressed() : null"
      [attr.aria-expanded]="controls() === null ? null : pressed()"
      [attr.aria-controls]="controls() !== null && pressed() ? controls() : null"
      [title]="name()"
      [disabled]="disabled()"
      (click)="toggled.emit()"
    >
      <parley-icon [name]="shownIcon()" />
      <ng-content />
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    /* A pressed button keeps its colour under the pointer unless its tone has a hover shade. */
    .pressed {
      border-color: transparent;
    }
    .selected,
    .selected:hover {
      background: var(--accent-strong);
    }
    .accent {
      background: var(--accent);
    }
    .accent:hover {
      background: var(--accent-strong);
    }
    .danger {
      background: var(--danger);
    }
    .danger:hover {
      background: var(--danger-strong);
    }
    .warning,
    .warning:hover {
      background: var(--warning);
      color: #1b1b1b;
    }
  `,
})
export class ToggleButton {
  /** The state: pressed (or, with `controls`, the panel open). */
  readonly pressed = input.required<boolean>();
  /** The name while not pressed: what pressing does then ("Raise hand"). */
  readonly label = input.required<string>();
  /** The name while pressed ("Lower hand"); the same as `label` unless given. */
  readonly pressedLabel = input<string | null>(null);
  readonly icon = input.required<IconName>();
  /** The icon while pressed; the same as `icon` unless given. */
  readonly pressedIcon = input<IconName | null>(null);
  readonly tone = input<ToggleTone>('selected');
  /** The id of the panel the button shows and hides; the state is then `aria-expanded`. */
  readonly controls = input<string | null>(null);
  /** The button's own id (a panel closing gives focus back to it by id). */
  readonly buttonId = input<string | null>(null);
  readonly disabled = input(false);
  /** A press: the owner changes the state, which comes back through `pressed`. */
  readonly toggled = output<void>();

  protected readonly name = computed(() => (this.pressed() ? (this.pressedLabel() ?? this.label()) : this.label()));
  protected readonly shownIcon = computed(() => (this.pressed() ? (this.pressedIcon() ?? this.icon()) : this.icon()));
}
