import { addressScope, candidateAddress, candidateAllowed, withAllowedCandidates } from './ice-candidates';

const host = (address: string): string => `candidate:842163049 1 udp 2122260223 ${address} 54321 typ host generation 0`;

describe('ICE candidates passed on to Janus', () => {
  it('reads the connection address of a candidate, with or without the SDP a=', () => {
    expect(candidateAddress(host('198.51.100.7'))).toBe('198.51.100.7');
    expect(candidateAddress(`a=${host('2001:db8::1')}`)).toBe('2001:db8::1');
    expect(candidateAddress('candidate:1 1 udp')).toBeNull();
    expect(candidateAddress('not a candidate at all, but long enough to split')).toBeNull();
  });

  for (const address of [
    '127.0.0.1',
    '127.1.2.3',
    '0.0.0.0',
    '169.254.10.20',
    '224.0.0.251',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1c2d:3e4f:5a6b:7c8d',
    'FE80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.1.1',
    'metadata.internal.example',
    'localhost',
  ]) {
    it(`never passes on ${address}, even with private candidates allowed`, () => {
      expect(addressScope(address)).toBe('never');
      expect(candidateAllowed(host(address), true)).toBeFalse();
    });
  }

  for (const address of ['10.0.0.5', '172.16.0.1', '172.31.255.254', '192.168.1.20', '100.64.0.1', 'fd12:3456::1', '::ffff:10.1.2.3', '0a1b2c3d-4e5f-6789-abcd-ef0123456789.local']) {
    it(`passes on the private ${address} only when private candidates are allowed`, () => {
      expect(addressScope(address)).toBe('private');
      expect(candidateAllowed(host(address), true)).toBeTrue();
      expect(candidateAllowed(host(address), false)).toBeFalse();
    });
  }

  for (const address of ['198.51.100.7', '8.8.8.8', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '2001:db8::42', '2a00:1450:4007:80e::200e']) {
    it(`always passes on the public ${address}`, () => {
      expect(addressScope(address)).toBe('public');
      expect(candidateAllowed(host(address), false)).toBeTrue();
    });
  }

  it('judges a relay candidate by its relayed address, not the related one', () => {
    const relay = 'candidate:3 1 udp 41885439 203.0.113.10 49170 typ relay raddr 192.168.1.20 rport 50000 generation 0';
    expect(candidateAllowed(relay, false)).toBeTrue();
  });

  it('refuses a candidate that does not parse', () => {
    expect(candidateAllowed('candidate:garbage', true)).toBeFalse();
  });

  it('strips refused candidates from an SDP and keeps every other line as it was', () => {
    const sdp = [
      'v=0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'c=IN IP4 0.0.0.0',
      `a=${host('127.0.0.1')}`,
      `a=${host('192.168.1.20')}`,
      `a=${host('198.51.100.7')}`,
      `a=${host('fe80::1')}`,
      'a=end-of-candidates',
      '',
    ].join('\r\n');
    expect(withAllowedCandidates(sdp, false)).toBe(
      ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', `a=${host('198.51.100.7')}`, 'a=end-of-candidates', ''].join('\r\n'),
    );
    expect(withAllowedCandidates(sdp, true)).toContain(host('192.168.1.20'));
    expect(withAllowedCandidates(sdp, true)).not.toContain('127.0.0.1');
  });
});
