/** How a tile rates someone's connection, as three bars would. */
export type NetworkQuality = 'good' | 'fair' | 'poor';

/** What one connection looked like over the last sampling interval. */
export interface LinkStats {
  /** Lost packets as a share of those sent, in percent; null before anything was counted. */
  readonly lossPercent: number | null;
  /** Round-trip time to the media server, in milliseconds; null when unknown. */
  readonly rttMs: number | null;
  /** Video bitrate over the interval, in kbit/s; null when no video stream exists. */
  readonly videoKbps: number | null;
  /**
   * Whether video should be flowing (camera on and, for a remote person, their
   * tile on screen): a paused or absent stream's zero bitrate says nothing.
   */
  readonly videoExpected: boolean;
}

/**
 * Where "good" ends and "poor" begins. Loss and delay follow the usual VoIP
 * guidance (speech suffers past a few percent loss and ~300 ms one way
 * round trip); the bitrate floor only catches a stalled video, because even
 * the lowest simulcast layer (160×90) runs above 30 kbit/s while it moves.
 */
export const QUALITY_THRESHOLDS = {
  lossPercent: { fair: 2, poor: 8 },
  rttMs: { fair: 300, poor: 600 },
  /** Below these, with video expected, the picture is stuttering or frozen. */
  videoKbps: { fair: 30, poor: 10 },
} as const;

const RANK: Record<NetworkQuality, number> = { good: 0, fair: 1, poor: 2 };

/** Rates a link by its worst measure: one bad number is enough to notice. */
export function classifyQuality(stats: LinkStats): NetworkQuality {
  const { lossPercent, rttMs, videoKbps } = QUALITY_THRESHOLDS;
  const verdicts: NetworkQuality[] = [
    higherIsWorse(stats.lossPercent, lossPercent),
    higherIsWorse(stats.rttMs, rttMs),
    stats.videoExpected ? lowerIsWorse(stats.videoKbps, videoKbps) : 'good',
  ];
  return verdicts.reduce((worst, verdict) => (RANK[verdict] > RANK[worst] ? verdict : worst), 'good');
}

function higherIsWorse(value: number | null, limits: { readonly fair: number; readonly poor: number }): NetworkQuality {
  if (value === null) return 'good';
  if (value >= limits.poor) return 'poor';
  return value >= limits.fair ? 'fair' : 'good';
}

function lowerIsWorse(value: number | null, limits: { readonly fair: number; readonly poor: number }): NetworkQuality {
  if (value === null) return 'good';
  if (value < limits.poor) return 'poor';
  return value < limits.fair ? 'fair' : 'good';
}
