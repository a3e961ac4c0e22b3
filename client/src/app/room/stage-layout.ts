import { Injectable, computed, inject, linkedSignal } from '@angular/core';
import { CallConnections } from '../core/call/call-connections';
import { LayoutPreference, type StageLayout } from './layout-preference';

/** What the stage shows: one of the chosen layouts, or shared screens large. */
export type ShownLayout = StageLayout | 'presentation';

/** How shares bear on the layout, folded over time. */
export interface PresentationState {
  /** Whose screens are shared now (participant ids), oldest share first, as this client saw them start. */
  readonly shares: readonly string[];
  /** True while the shares are shown large; false once the person switched away from them. */
  readonly presenting: boolean;
}

export const NO_SHARES: PresentationState = { shares: [], presenting: false };

/**
 * Folds the screens shared now into the state. A share that was not there
 * before switches to the presentation layout (even after the person left it
 * for an earlier one: something new is being shown); once no screen is
 * shared, the presentation ends and the chosen layout is back. Shares keep
 * the order they started in; several seen at once (joining during them) keep
 * the order given.
 */
export function foldShares(state: PresentationState, current: readonly string[]): PresentationState {
  const kept = state.shares.filter((id) => current.includes(id));
  const started = current.filter((id) => !state.shares.includes(id));
  const shares = [...kept, ...started];
  const presenting = shares.length > 0 && (started.length > 0 || state.presenting);
  const same = presenting === state.presenting && shares.length === state.shares.length && shares.every((id, i) => state.shares[i] === id);
  return same ? state : { shares, presenting };
}

/** The layout on show: presentation while it lasts, else the person's choice. */
export function shownLayout(state: PresentationState, chosen: StageLayout): ShownLayout {
  return state.presenting && state.shares.length > 0 ? 'presentation' : chosen;
}

/**
 * Which layout the stage shows. The person chooses grid or speaker (kept by
 * LayoutPreference); when someone else starts sharing a screen the stage
 * switches to the presentation layout by itself, the person may switch back
 * (and to it again) while shares last, and when the last share ends the
 * stage returns to the chosen layout. One's own share never switches it:
 * nobody needs their own screen shown back to them.
 *
 * Provided by the call view, so each call starts with no shares seen.
 */
@Injectable()
export class StageLayoutState {
  private readonly preference = inject(LayoutPreference);
  private readonly connections = inject(CallConnections);

  /** Others' shared screens now, by participant id, in the order the subscriber lists them. */
  private readonly sharing = computed(
    () => this.connections.remoteTracks().flatMap((track) => (track.source === 'screen' && track.kind === 'video' ? [track.participantId] : [])),
    { equal: (a, b) => a.length === b.length && a.every((id, i) => b[i] === id) },
  );
  private readonly state = linkedSignal<readonly string[], PresentationState>({
    source: this.sharing,
    computation: (current, previous) => foldShares(previous?.value ?? NO_SHARES, current),
  });

  /** The layout the stage shows now. */
  readonly shown = computed(() => shownLayout(this.state(), this.preference.layout()));
  /** Whose screens are shared, oldest share first: the last is the one shown large. */
  readonly shares = computed(() => this.state().shares);
  /** True while there is something to present, so the presentation layout can be chosen. */
  readonly canPresent = computed(() => this.state().shares.length > 0);

  /** The layout switch: grid or speaker becomes the choice (remembered); presentation shows the shares again. */
  choose(layout: ShownLayout): void {
    if (layout === 'presentation') {
      this.state.update((state) => ({ ...state, presenting: state.shares.length > 0 }));
      return;
    }
    this.preference.choose(layout);
    this.state.update((state) => (state.presenting ? { ...state, presenting: false } : state));
  }
}
