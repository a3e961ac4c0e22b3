import type { LinkStats } from './network-quality';

/** One entry of an RTCStatsReport, read by field name. */
export interface StatsEntry {
  readonly id: string;
  readonly type: string;
  readonly timestamp: number;
  readonly [field: string]: unknown;
}

/** An RTCStatsReport (a real one fits) or a Map built by a spec. */
export type StatsReport = ReadonlyMap<string, StatsEntry>;

/** Link stats before knowing whether video should flow (the caller knows that). */
export type MeasuredLink = Omit<LinkStats, 'videoExpected'>;

const num = (entry: StatsEntry | undefined, field: string): number | null => {
  const value = entry?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** A counter's growth since the previous report (all of it when there is none), never negative. */
function delta(now: StatsEntry, before: StatsReport | null, field: string): number {
  const current = num(now, field) ?? 0;
  const previous = num(before?.get(now.id), field) ?? 0;
  return Math.max(0, current - previous);
}

/** kbit/s of a byte counter since the previous report; null without one to compare with. */
function kbps(now: StatsEntry, before: StatsReport | null, field: string): number | null {
  const previous = before?.get(now.id);
  if (!previous) return null;
  const ms = now.timestamp - previous.timestamp;
  return ms > 0 ? (delta(now, before, field) * 8) / ms : null;
}

/**
 * Round-trip time to the media server in ms, from the candidate pair in use
 * (the transport's selected pair, else a nominated, succeeded one).
 */
export function roundTripMs(report: StatsReport): number | null {
  let pair: StatsEntry | undefined;
  for (const entry of report.values()) {
    if (entry.type === 'transport' && typeof entry['selectedCandidatePairId'] === 'string') {
      pair = report.get(entry['selectedCandidatePairId']);
      break;
    }
  }
  pair ??= [...report.values()].find((e) => e.type === 'candidate-pair' && e['nominated'] === true && e['state'] === 'succeeded');
  const seconds = num(pair, 'currentRoundTripTime');
  return seconds === null ? null : Math.round(seconds * 1000);
}

/**
 * What the subscriber connection says about each remote participant over
 * the interval between two reports: packet loss over their audio and video
 * streams together, their video bitrate, and the (shared) round trip to the
 * server. `owners` maps a subscriber mid to whose stream it carries; streams
 * of nobody known are ignored.
 */
export function inboundLinks(
  now: StatsReport,
  before: StatsReport | null,
  owners: ReadonlyMap<string, string>,
): Map<string, MeasuredLink> {
  const rttMs = roundTripMs(now);
  const totals = new Map<string, { received: number; lost: number; videoKbps: number | null }>();
  for (const entry of now.values()) {
    if (entry.type !== 'inbound-rtp' || typeof entry['mid'] !== 'string') continue;
    const owner = owners.get(entry['mid']);
    if (owner === undefined) continue;
    const total = totals.get(owner) ?? { received: 0, lost: 0, videoKbps: null };
    total.received += delta(entry, before, 'packetsReceived');
    total.lost += delta(entry, before, 'packetsLost');
    if (entry['kind'] === 'video') {
      const rate = kbps(entry, before, 'bytesReceived');
      if (rate !== null) total.videoKbps = (total.videoKbps ?? 0) + rate;
    }
    totals.set(owner, total);
  }
  const links = new Map<string, MeasuredLink>();
  for (const [owner, { received, lost, videoKbps }] of totals) {
    links.set(owner, { lossPercent: lossPercent(lost, received + lost), rttMs, videoKbps: round(videoKbps) });
  }
  return links;
}

/**
 * What the publisher connection says about one's own upload: loss the
 * server reports back (RTCP receiver reports), the video bitrate sent over
 * every simulcast layer, and the round trip to the server.
 */
export function outboundLink(now: StatsReport, before: StatsReport | null): MeasuredLink {
  let sent = 0;
  let lost = 0;
  let videoKbps: number | null = null;
  for (const entry of now.values()) {
    if (entry.type === 'outbound-rtp') {
      sent += delta(entry, before, 'packetsSent');
      if (entry['kind'] === 'video') {
        const rate = kbps(entry, before, 'bytesSent');
        if (rate !== null) videoKbps = (videoKbps ?? 0) + rate;
      }
    } else if (entry.type === 'remote-inbound-rtp') {
      lost += delta(entry, before, 'packetsLost');
    }
  }
  return { lossPercent: lossPercent(lost, sent), rttMs: roundTripMs(now), videoKbps: round(videoKbps) };
}

function lossPercent(lost: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.round((Math.min(lost, expected) / expected) * 1000) / 10;
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
