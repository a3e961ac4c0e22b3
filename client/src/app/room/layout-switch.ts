import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Icon, type IconName } from '../icons/icon';
import { LayoutPreference, type StageLayout } from './layout-preference';

const CHOICES: readonly { readonly layout: StageLayout; readonly label: string; readonly icon: IconName }[] = [
  { layout: 'grid', label: 'Grid layout', icon: 'grid' },
  { layout: 'speaker', label: 'Speaker layout', icon: 'speaker-layout' },
];

/**
 * Two pressed/unpressed buttons choosing how the call shows people. The
 * choice is remembered for the next meeting (LayoutPreference).
 */
@Component({
  selector: 'parley-layout-switch',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'group', 'aria-label': 'Layout' },
  template: `
    @for (choice of choices; track choice.layout) {
      <button
        type="button"
        [attr.aria-label]="choice.label"
        [title]="choice.label"
        [attr.aria-pressed]="preference.layout() === choice.layout"
        (click)="preference.choose(choice.layout)"
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
      width: 36px;
      height: 30px;
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
  protected readonly preference = inject(LayoutPreference);
  protected readonly choices = CHOICES;
}
