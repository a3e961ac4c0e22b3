import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToggleButton } from '../ui/toggle-button';
import { RaiseHand } from './raise-hand';

/**
 * The control bar's "Raise hand" / "Lower hand" button. Its name says what
 * pressing it does; `aria-pressed` is true while the hand is up.
 */
@Component({
  selector: 'parley-hand-toggle',
  imports: [ToggleButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-toggle-button
      tone="warning"
      icon="hand"
      label="Raise hand"
      pressedLabel="Lower hand"
      [pressed]="hand.raised()"
      (toggled)="toggleHand()"
    />
  `,
  styles: `
    :host {
      display: inline-flex;
    }
  `,
})
export class HandToggle {
  protected readonly hand = inject(RaiseHand);

  protected toggleHand(): void {
    void this.hand.toggle();
  }
}
