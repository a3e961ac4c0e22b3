import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Icon } from '../ui/icon';
import { AutoplayUnlock } from '../ui/autoplay-unlock';

/**
 * "Tap to enable sound": shown only while the browser refused to start
 * remote media without a gesture (see AutoplayUnlock). Any click or key
 * press on the page counts too, so someone who reaches for the controls
 * first hears the call without looking for this button.
 */
@Component({
  selector: 'parley-autoplay-prompt',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:click)': 'unlockFromGesture()',
    '(document:keydown)': 'unlockFromGesture()',
  },
  template: `
    @if (autoplay.blocked()) {
      <div class="prompt" role="status">
        <button type="button" class="button primary" data-autoplay-unlock (click)="enable()">
          <parley-icon [name]="autoplay.soundBlocked() ? 'speaker' : 'camera'" />
          {{ label() }}
        </button>
      </div>
    }
  `,
  styles: `
    .prompt {
      position: fixed;
      z-index: 30;
      left: 50%;
      top: max(64px, calc(env(safe-area-inset-top) + 56px));
      transform: translateX(-50%);
    }
    .button {
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.45);
    }
  `,
})
export class AutoplayPrompt {
  protected readonly autoplay = inject(AutoplayUnlock);
  protected readonly label = computed(() => (this.autoplay.soundBlocked() ? 'Tap to enable sound' : 'Tap to start video'));

  protected enable(): void {
    void this.autoplay.unlock();
  }

  /** Every gesture on the page is a chance the browser will take. */
  protected unlockFromGesture(): void {
    if (this.autoplay.blocked()) void this.autoplay.unlock();
  }
}
