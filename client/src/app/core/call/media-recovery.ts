/** How many times in a row a failed connection is recovered before the call shows the failure (and "Try again"). */
export const MEDIA_RECOVERY_TRIES = 3;

/**
 * When a call whose audio or video connection failed (ICE gave up: the
 * network changed, or the SFU stopped answering for a while) reconnects on
 * its own, as Meet and Jitsi do, rather than showing "The audio and video
 * connection failed." A recovery resumes the session on a fresh socket, which
 * gives fresh SFU handles and new peer connections; the others see the person
 * as reconnecting, never leaving.
 *
 * The tries count up while recoveries fail and start over once both
 * connections are up again; after {@link MEDIA_RECOVERY_TRIES} the failure shows.
 */
export class MediaRecovery {
  private tries = 0;

  /**
   * Called with the connections' states whenever one changes, in a joined
   * call: true when the call should recover now.
   */
  shouldRecover(publisher: RTCPeerConnectionState | undefined, subscriber: RTCPeerConnectionState | undefined): boolean {
    const states = [publisher, subscriber].filter((state) => state !== undefined);
    if (states.length > 0 && states.every((state) => state === 'connected')) this.tries = 0;
    return states.includes('failed') && this.tryAgain();
  }

  /**
   * Something else broke the media mid-call (a subscriber offer that could
   * not be answered: the gateway did not take the answer in time): true
   * when a try is left, counting it.
   */
  tryAgain(): boolean {
    if (this.tries >= MEDIA_RECOVERY_TRIES) return false;
    this.tries++;
    return true;
  }

  /** A join from the lobby or "Try again": the person starts over, and so do the tries. */
  reset(): void {
    this.tries = 0;
  }
}
