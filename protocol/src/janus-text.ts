/**
 * Whether a string can travel inside a Janus API request. Janus parses its
 * API with jansson, which refuses a whole message holding NUL or an unpaired
 * UTF-16 surrogate (error 454) and, unable to read its transaction id, never
 * answers the request: the gateway would wait out its deadline and tell the
 * client `janus.unavailable`. Strings the gateway hands on to Janus (display
 * names, SDP, ICE candidates, mids) are checked with this instead, so such a
 * payload fails validation at once. A loop rather than a lookbehind regex, so
 * the client bundle still parses in browsers without lookbehind.
 */
export function isJanusSafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return false;
    if (unit >= 0xdc00 && unit <= 0xdfff) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** The validation message for a string that fails {@link isJanusSafe}. */
export const JANUS_UNSAFE_MESSAGE = 'contains NUL or an unpaired surrogate, which the media server cannot read';
