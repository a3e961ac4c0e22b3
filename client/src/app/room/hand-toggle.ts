import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Icon } from '../icons/icon';
import { RaiseHand } from './raise-hand';

/**
 * The control bar's "Raise hand" / "Lower hand" button. Its name says what
 * pressing it does; `aria-pressed` is true while the hand is up.
 */
@Component({
  selector: 'parley-hand-toggle',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="round"
      [class.raised]="hand.raised()"
      [attr.aria-label]="label()"
      [attr.aria-pressed]="hand.raised()"
      [title]="label()"
      (click)="toggleHand()"
    >
      <parley-icon name="hand" />
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .round {
      display: inline-grid;
      place-items: center;
      width: 52px;
      height: 52px;
      border-radius: 50%;
      border: 1px solid rgb(255 255 255 / 0.14);
      background: rgb(60 64 82 / 0.92);
      color: #fff;
      cursor: pointer;
      font-size: 1rem;
      transition: background-color 120ms;
    }
    .round:hover {
      background: rgb(78 83 104 / 0.95);
    }
    .round.raised {
      background: var(--warning);
      border-color: transparent;
      color: #1b1b1b;
    }
  `,
})
export class HandToggle {
  protected readonly hand = inject(RaiseHand);
  protected readonly label = computed(() => (this.hand.raised() ? 'Lower hand' : 'Raise hand'));

  protected toggleHand(): void {
    void this.hand.toggle();
  }
}
