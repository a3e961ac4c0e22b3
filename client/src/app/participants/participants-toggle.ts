import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ParticipantsStore } from '../core/call/participants-store';
import { SidePanelState } from '../ui/side-panel';
import { ToggleButton } from '../ui/toggle-button';

/** The id of the participants panel, which the toggle controls. */
export const PARTICIPANTS_PANEL_ID = 'parley-participants-panel';

/** The id of the toggle, so the panel can give focus back to it when it closes. */
export const PARTICIPANTS_TOGGLE_ID = 'parley-participants-toggle';

/**
 * The control bar's "Participants" button: opens and closes the
 * participants panel and shows how many are in the meeting (oneself
 * included), in its name too: "Participants, 3".
 */
@Component({
  selector: 'parley-participants-toggle',
  imports: [ToggleButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-toggle-button
      icon="people"
      [buttonId]="toggleId"
      [controls]="panelId"
      [pressed]="open()"
      [label]="label()"
      (toggled)="toggleParticipants()"
    >
      <span class="badge" aria-hidden="true">{{ count() }}</span>
    </parley-toggle-button>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .badge {
      position: absolute;
      top: -4px;
      right: -4px;
      min-width: 20px;
      height: 20px;
      padding: 0 5px;
      border-radius: 10px;
      background: var(--surface-3);
      color: var(--text);
      font-size: 12px;
      font-weight: 700;
      line-height: 20px;
      text-align: center;
    }
  `,
})
export class ParticipantsToggle {
  private readonly participants = inject(ParticipantsStore);
  private readonly panels = inject(SidePanelState);

  protected readonly panelId = PARTICIPANTS_PANEL_ID;
  protected readonly toggleId = PARTICIPANTS_TOGGLE_ID;
  protected readonly open = computed(() => this.panels.open() === 'participants');
  /** Everyone in the meeting, oneself included (also before the join snapshot names oneself). */
  protected readonly count = computed(() => this.participants.others().length + 1);
  /** "Participants, 3": the visible count is a word of the name (axe's label-in-name; "(3)" is not matched). */
  protected readonly label = computed(() => `Participants, ${this.count()}`);

  protected toggleParticipants(): void {
    this.panels.toggle('participants');
  }
}
