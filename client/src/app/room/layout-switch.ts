import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Icon, type IconName } from '../ui/icon';
import { StageLayoutState, type ShownLayout } from './stage-layout';

const CHOICES: readonly { readonly layout: ShownLayout; readonly label: string; readonly icon: IconName }[] = [
  { layout: 'grid', label: 'Grid layout', icon: 'grid' },
  { layout: 'speaker', label: 'Speaker layout', icon: 'speaker-layout' },
  { layout: 'presentation', label: 'Presentation layout', icon: 'presentation-layout' },
];

/**
 * Pressed/unpressed buttons choosing how the call shows people. Grid or
 * speaker is remembered for the next meeting (LayoutPreference); the
 * presentation layout is offered only while someone shares a screen.
 */
@Component({
  selector: 'parley-layout-switch',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'group', 'aria-label': 'Layout' },
  template: `
    @for (choice of choices(); track choice.layout) {
      <button
        type="button"
        [attr.aria-label]="choice.label"
        [title]="choice.label"
        [attr.aria-pressed]="state.shown() === choice.layout"
        (click)="state.choose(choice.layout)"
      >
        <parley-icon [name]="choice.icon" />
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      padding: 3px;
      border-radius: 999px;
      background: rgb(60 64 82 / 0.6);
    }
    button {
      display: inline-grid;
      place-items: center;
      /* 44 px: a finger-sized target (WCAG 2.5.5), like every control of the call. */
      width: 44px;
      height: 44px;
      border: 0;
      border-radius: 999px;
      background: transparent;
      color: var(--text-muted);
      cursor: pointer;
      font-size: 0.85rem;
    }
    button[aria-pressed='true'] {
      background: var(--surface-3);
      color: var(--text);
    }
  `,
})
export class LayoutSwitch {
  protected readonly state = inject(StageLayoutState);
  protected readonly choices = computed(() => CHOICES.filter((choice) => choice.layout !== 'presentation' || this.state.canPresent()));
}
