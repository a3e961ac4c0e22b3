import type { IceCandidate } from '@parley/protocol';
import { CandidateGate, rtcConfiguration } from './ice';

describe('CandidateGate', () => {
  const host: IceCandidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };

  it('holds candidates until opened, then sends them in order', () => {
    const sent: IceCandidate[] = [];
    const gate = new CandidateGate((c) => sent.push(c));
    gate.push(host);
    gate.push(null);
    expect(sent).toEqual([]);
    gate.open();
    expect(sent).toEqual([host, null]);
  });

  it('passes candidates straight through once open', () => {
    const sent: IceCandidate[] = [];
    const gate = new CandidateGate((c) => sent.push(c));
    gate.open();
    gate.push(host);
    expect(sent).toEqual([host]);
  });
});

describe('rtcConfiguration', () => {
  it('bundles every m-line and copies the ICE servers', () => {
    const config = rtcConfiguration([{ urls: ['turn:t.example.org'], username: 'u', credential: 'c' }]);
    expect(config.bundlePolicy).toBe('max-bundle');
    expect(config.iceServers).toEqual([{ urls: ['turn:t.example.org'], username: 'u', credential: 'c' }]);
  });
});
