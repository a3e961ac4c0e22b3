/**
 * Runs async operations one at a time, in call order. A Janus handle is a
 * small state machine (joined, publishing, waiting for an answer...): two
 * requests in flight on one handle would race on that state, so each
 * publisher and subscriber funnels its negotiation requests through one.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `operation` after every earlier one settled; its failure does not block later ones. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => operation());
    this.tail = result.catch(() => undefined);
    return result;
  }
}
