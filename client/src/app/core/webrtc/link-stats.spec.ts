import { inboundLinks, outboundLink, roundTripMs, type StatsEntry, type StatsReport } from './link-stats';

/** A stats entry as a spec writes it: the report adds the timestamp. */
interface Entry {
  readonly id: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

function report(timestamp: number, entries: Entry[]): StatsReport {
  return new Map(entries.map((entry): [string, StatsEntry] => [entry.id, { ...entry, timestamp }]));
}

const transport = (pairId: string, rtt: number) => [
  { id: 'T', type: 'transport', selectedCandidatePairId: pairId },
  { id: pairId, type: 'candidate-pair', currentRoundTripTime: rtt, nominated: true, state: 'succeeded' },
];

const inbound = (id: string, mid: string, kind: string, packetsReceived: number, packetsLost: number, bytesReceived: number) => ({
  id,
  type: 'inbound-rtp',
  mid,
  kind,
  packetsReceived,
  packetsLost,
  bytesReceived,
});

describe('roundTripMs', () => {
  it('reads the selected candidate pair, in milliseconds', () => {
    expect(roundTripMs(report(0, transport('CP1', 0.042)))).toBe(42);
  });

  it('is unknown without a candidate pair', () => {
    expect(roundTripMs(report(0, []))).toBeNull();
  });
});

describe('inboundLinks', () => {
  const owners = new Map([
    ['0', 'ada'],
    ['1', 'ada'],
    ['2', 'bob'],
  ]);

  it('sums loss over a person’s audio and video and measures their video bitrate over the interval', () => {
    const before = report(1000, [inbound('a', '0', 'audio', 100, 0, 0), inbound('v', '1', 'video', 1000, 0, 100_000)]);
    const now = report(3000, [
      ...transport('CP', 0.05),
      inbound('a', '0', 'audio', 200, 0, 0),
      inbound('v', '1', 'video', 1850, 50, 200_000),
    ]);
    expect(inboundLinks(now, before, owners).get('ada')).toEqual({ lossPercent: 5, rttMs: 50, videoKbps: 400 });
  });

  it('keeps people apart and ignores streams of nobody known', () => {
    const now = report(0, [inbound('x', '2', 'audio', 10, 0, 0), inbound('y', '9', 'audio', 10, 10, 0)]);
    const links = inboundLinks(now, null, owners);
    expect([...links.keys()]).toEqual(['bob']);
    expect(links.get('bob')?.lossPercent).toBe(0);
  });

  it('has no bitrate before a second report to compare with', () => {
    const now = report(0, [inbound('v', '1', 'video', 10, 0, 5000)]);
    expect(inboundLinks(now, null, owners).get('ada')?.videoKbps).toBeNull();
  });

  it('does not count a counter going backwards (a recycled stream) as negative loss', () => {
    const before = report(0, [inbound('v', '1', 'video', 500, 40, 100)]);
    const now = report(1000, [inbound('v', '1', 'video', 600, 10, 200)]);
    expect(inboundLinks(now, before, owners).get('ada')?.lossPercent).toBe(0);
  });
});

describe('outboundLink', () => {
  it('reads loss from the server’s receiver reports and adds up the simulcast layers', () => {
    const out = (id: string, kind: string, packetsSent: number, bytesSent: number) => ({ id, type: 'outbound-rtp', kind, packetsSent, bytesSent });
    const before = report(0, [out('h', 'video', 0, 0), out('l', 'video', 0, 0), out('a', 'audio', 0, 0)]);
    const now = report(1000, [
      ...transport('CP', 0.02),
      out('h', 'video', 600, 50_000),
      out('l', 'video', 200, 12_500),
      out('a', 'audio', 200, 4_000),
      { id: 'r', type: 'remote-inbound-rtp', packetsLost: 30 },
    ]);
    expect(outboundLink(now, before)).toEqual({ lossPercent: 3, rttMs: 20, videoKbps: 500 });
  });
});
