import { DEFAULT_SIMULCAST_ENCODINGS } from '../config/media-config';
import { simulcastRidOrder } from './rid-order';

/** An offer with an audio section and a video section listing `rids` in that order. */
function offer(rids: readonly string[]): string {
  return [
    'v=0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:0',
    'a=rid:l send',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'a=mid:1',
    ...rids.map((rid) => `a=rid:${rid} send`),
    ...(rids.length > 0 ? [`a=simulcast:send ${rids.join(';')}`] : []),
    '',
  ].join('\r\n');
}

describe('simulcastRidOrder', () => {
  it('reads high to low when the full-size rid comes first (Chromium, Firefox 153)', () => {
    expect(simulcastRidOrder(offer(['h', 'm', 'l']), DEFAULT_SIMULCAST_ENCODINGS)).toBe('hml');
  });

  it('reads low to high when the quarter-size rid comes first', () => {
    expect(simulcastRidOrder(offer(['l', 'm', 'h']), DEFAULT_SIMULCAST_ENCODINGS)).toBe('lmh');
  });

  it('goes by each encoding’s scale, not by the rid names', () => {
    const encodings = [
      { rid: 'a', scaleResolutionDownBy: 4 },
      { rid: 'b', scaleResolutionDownBy: 2 },
      { rid: 'c', scaleResolutionDownBy: 1 },
    ];
    expect(simulcastRidOrder(offer(['a', 'b', 'c']), encodings)).toBe('lmh');
  });

  it('says nothing without simulcast', () => {
    expect(simulcastRidOrder(offer([]), [{ active: true, maxBitrate: 300_000 }])).toBeUndefined();
  });

  it('says nothing about rids it did not ask for', () => {
    expect(simulcastRidOrder(offer(['x', 'y']), DEFAULT_SIMULCAST_ENCODINGS)).toBeUndefined();
  });
});
