import { Injectable, signal } from '@angular/core';

/** The side panels of the call; at most one is open at a time. */
export type SidePanel = 'participants' | 'chat';

/**
 * Which side panel the call shows beside the video, if any. One signal for
 * all panels, so opening one closes the other (on a phone each is a
 * full-screen sheet, and two would cover each other).
 */
@Injectable({ providedIn: 'root' })
export class SidePanelState {
  readonly open = signal<SidePanel | null>(null);

  /** Opens `panel`, or closes it when it is already the open one. */
  toggle(panel: SidePanel): void {
    this.open.update((current) => (current === panel ? null : panel));
  }

  /** Closes `panel` if it is the open one (a stale close never shuts another panel). */
  close(panel: SidePanel): void {
    if (this.open() === panel) this.open.set(null);
  }
}
