import type { IceCandidate, IceServer } from '@parley/protocol';

/** The RTCConfiguration both of a participant's connections use. */
export function rtcConfiguration(iceServers: readonly IceServer[]): RTCConfiguration {
  return {
    iceServers: iceServers.map((server) => ({
      urls: typeof server.urls === 'string' ? server.urls : [...server.urls],
      ...(server.username !== undefined ? { username: server.username } : {}),
      ...(server.credential !== undefined ? { credential: server.credential } : {}),
    })),
    // Janus bundles every m-line on one transport; saying so up front avoids gathering per m-line.
    bundlePolicy: 'max-bundle',
  };
}

/**
 * Gives an open connection new ICE servers (fresh TURN credentials): the
 * next gathering (an ICE restart) uses them; what is connected stays as it is.
 */
export function useIceServers(pc: RTCPeerConnection, iceServers: readonly IceServer[]): void {
  if (pc.connectionState === 'closed') return;
  pc.setConfiguration({ ...pc.getConfiguration(), iceServers: rtcConfiguration(iceServers).iceServers ?? [] });
}

/** A local candidate as the protocol carries it; `null` marks the end of gathering. */
export function toWireCandidate(candidate: RTCIceCandidate | null): IceCandidate {
  if (!candidate) return null;
  const { candidate: line, sdpMid, sdpMLineIndex } = candidate.toJSON();
  return { candidate: line ?? '', sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null };
}

/**
 * Holds local candidates until the gateway has the description they belong
 * to (the publish or answer acknowledgement), then passes them through.
 * Sending them earlier could reach the gateway before it has a Janus handle
 * to trickle them to.
 */
export class CandidateGate {
  private held: IceCandidate[] | null = [];

  constructor(private readonly send: (candidate: IceCandidate) => void) {}

  push(candidate: IceCandidate): void {
    if (this.held) this.held.push(candidate);
    else this.send(candidate);
  }

  /** Sends what was held and lets later candidates straight through. */
  open(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    for (const candidate of held) this.send(candidate);
  }
}
