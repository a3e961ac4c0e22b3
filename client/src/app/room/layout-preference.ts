import { Injectable, signal } from '@angular/core';

/** How the call shows people: everyone alike, or the active speaker large with the others in a strip. */
export type StageLayout = 'grid' | 'speaker';

export const STAGE_LAYOUTS: readonly StageLayout[] = ['grid', 'speaker'];

const KEY = 'parley.layout';

/**
 * The layout the person chose, remembered for their next meeting (as Meet
 * does). Storage can be unavailable (private windows, blocked site data);
 * then the choice lasts for this page only.
 */
@Injectable({ providedIn: 'root' })
export class LayoutPreference {
  private readonly layoutSignal = signal<StageLayout>(load());

  readonly layout = this.layoutSignal.asReadonly();

  choose(layout: StageLayout): void {
    this.layoutSignal.set(layout);
    try {
      globalThis.localStorage?.setItem(KEY, layout);
    } catch (error) {
      console.warn('Parley: cannot remember the layout', error);
    }
  }
}

function load(): StageLayout {
  try {
    const stored = globalThis.localStorage?.getItem(KEY);
    return STAGE_LAYOUTS.find((layout) => layout === stored) ?? 'grid';
  } catch (error) {
    console.warn('Parley: cannot read the remembered layout', error);
    return 'grid';
  }
}
