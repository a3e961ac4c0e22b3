import { Injectable, computed, signal, untracked } from '@angular/core';

/**
 * Media elements the browser would not start without a user gesture, and the
 * gesture that starts them.
 *
 * Remote audio plays from `<audio>` elements filled long after the Join
 * click (the subscriber offer comes later), and browsers that tie audible
 * playback to a recent gesture refuse it with a `NotAllowedError`: Safari
 * (desktop, and always on iOS unless the page is capturing the microphone),
 * and Chrome or Firefox under a strict autoplay setting. Janus #3390 and
 * Galène #257 record the result, silent or black remote media on iOS. So a
 * refused element is kept here, and the next tap anywhere (or the "Tap to
 * enable sound" button, shown only while something waits) plays them all.
 * Whether autoplay is blocked is learnt from play() itself, never guessed
 * from the browser's name.
 */
@Injectable({ providedIn: 'root' })
export class AutoplayUnlock {
  private readonly waitingSignal = signal<ReadonlySet<HTMLMediaElement>>(new Set());
  /** Elements an unlock() is starting, so a second gesture (the button's click reaching the document) adds nothing. */
  private readonly unlocking = new Set<HTMLMediaElement>();

  /** True while some element waits for a user gesture. */
  readonly blocked = computed(() => this.waitingSignal().size > 0);
  /** True when what waits includes sound (an element that is not muted), not only muted video. */
  readonly soundBlocked = computed(() => [...this.waitingSignal()].some((element) => !element.muted));

  /**
   * Starts `element`. An autoplay refusal keeps it waiting for `unlock()`;
   * an interrupted play (a newer srcObject) is normal; anything else is logged.
   */
  play(element: HTMLMediaElement): Promise<void> {
    return this.start(element);
  }

  /**
   * Plays every waiting element. Call it from a user gesture (click, key,
   * tap): each play() is started synchronously, before any await, because
   * Safari honours a gesture only within its own event handler.
   */
  unlock(): Promise<void> {
    const starting = [...this.waitingSignal()]
      .filter((element) => !this.unlocking.has(element))
      .map((element) => {
        this.unlocking.add(element);
        return this.start(element).finally(() => this.unlocking.delete(element));
      });
    return Promise.all(starting).then(() => undefined);
  }

  /** Stops waiting for `element` (its track changed or it left the page). */
  forget(element: HTMLMediaElement): void {
    // Untracked: callers may run inside an effect, which must not come to depend on what waits.
    if (!untracked(this.waitingSignal).has(element)) return;
    this.waitingSignal.update((waiting) => new Set([...waiting].filter((e) => e !== element)));
  }

  private async start(element: HTMLMediaElement): Promise<void> {
    const source = element.srcObject;
    const playing = element.play();
    try {
      await playing;
      this.forget(element);
    } catch (error: unknown) {
      if (isAutoplayRefusal(error)) {
        // A refusal that arrives after the element lost (or changed) its source is about nothing on screen.
        if (source === null || element.srcObject !== source) return;
        if (!this.waitingSignal().has(element)) this.waitingSignal.update((waiting) => new Set([...waiting, element]));
      } else if (!isInterruption(error)) {
        console.warn(`Parley: could not play ${element.tagName.toLowerCase()}`, error);
      }
    }
  }
}

/** The rejection browsers give play() when autoplay needs a gesture first. */
function isAutoplayRefusal(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'NotAllowedError';
}

/** play() interrupted by a new source or pause(): the newer play() speaks for the element. */
function isInterruption(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
