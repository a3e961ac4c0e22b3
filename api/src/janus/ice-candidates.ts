import { isIPv4, isIPv6 } from 'node:net';

/*
 * Which ICE candidates from browsers the gateway passes on to Janus. Janus
 * sends STUN connectivity checks to every candidate address it is given, so
 * a client could otherwise make it probe the machine itself (loopback), the
 * link (link-local) or the operator's internal network (private ranges).
 * Browsers never need any of those to reach a Janus on a public address;
 * on a LAN or one machine they need the private ones, hence the switch
 * (ALLOW_PRIVATE_CANDIDATES).
 */

/** What an address is, as far as the candidate policy cares. */
export type AddressScope = 'public' | 'private' | 'never';

/** Loopback, unspecified, link-local, multicast and reserved IPv4 ranges: never a browser's reachable address. */
const NEVER_V4: ReadonlyArray<readonly [number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x7f000000, 8], // 127.0.0.0/8 loopback
  [0xa9fe0000, 16], // 169.254.0.0/16 link-local
  [0xe0000000, 4], // 224.0.0.0/4 multicast
  [0xf0000000, 4], // 240.0.0.0/4 reserved, and broadcast
];
/** RFC 1918 private ranges and RFC 6598 shared address space (carrier-grade NAT). */
const PRIVATE_V4: ReadonlyArray<readonly [number, number]> = [
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0x64400000, 10], // 100.64.0.0/10
];

function v4Number(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inRanges(value: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  return ranges.some(([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

function v4Scope(address: string): AddressScope {
  const value = v4Number(address);
  if (inRanges(value, NEVER_V4)) return 'never';
  return inRanges(value, PRIVATE_V4) ? 'private' : 'public';
}

function v6Scope(address: string): AddressScope {
  const lower = address.toLowerCase();
  // An IPv4 address written inside (::ffff:10.0.0.1, 64:ff9b::127.0.0.1): judged as that address.
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1] !== undefined) return isIPv4(dotted[1]) ? v4Scope(dotted[1]) : 'never';
  const groups = expandV6(lower);
  const at = (index: number): number => groups[index] ?? 0;
  if (groups.slice(0, 5).every((group) => group === 0) && at(5) === 0xffff) {
    return v4Scope(`${at(6) >> 8}.${at(6) & 0xff}.${at(7) >> 8}.${at(7) & 0xff}`); // ::ffff:7f00:1
  }
  if (groups.slice(0, 7).every((group) => group === 0) && at(7) <= 1) return 'never'; // :: and ::1
  if ((at(0) & 0xffc0) === 0xfe80) return 'never'; // fe80::/10 link-local
  if ((at(0) & 0xff00) === 0xff00) return 'never'; // ff00::/8 multicast
  if ((at(0) & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  return 'public';
}

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped). */
function expandV6(address: string): number[] {
  const [withoutZone = ''] = address.split('%');
  const [head = '', tail] = withoutZone.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The scope of a candidate's connection address: an IPv4 or IPv6 literal,
 * or an mDNS name (`<uuid>.local`, what browsers put instead of a host
 * address they keep private), which only resolves on the local network and
 * so counts as private. Any other name is `never`: Janus would resolve it
 * with DNS, to whatever address its owner likes.
 */
export function addressScope(address: string): AddressScope {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(bare)) return v4Scope(bare);
  if (isIPv6(bare)) return v6Scope(bare);
  return /^[0-9a-z-]+\.local\.?$/i.test(bare) ? 'private' : 'never';
}

/**
 * The connection address of an ICE candidate attribute
 * (`candidate:<foundation> <component> <transport> <priority> <address> <port> typ ...`,
 * with or without the `a=` of an SDP line), or null if it does not parse.
 */
export function candidateAddress(candidate: string): string | null {
  const fields = candidate.replace(/^a=/, '').trim().split(/\s+/);
  if (!/^candidate:/i.test(fields[0] ?? '') || fields.length < 8) return null;
  return fields[4] ?? null;
}

/** Whether a browser's candidate may go to Janus: a public address, or a private one when `allowPrivate`. */
export function candidateAllowed(candidate: string, allowPrivate: boolean): boolean {
  const address = candidateAddress(candidate);
  if (address === null) return false;
  const scope = addressScope(address);
  return scope === 'public' || (scope === 'private' && allowPrivate);
}

/** The SDP without the `a=candidate:` lines {@link candidateAllowed} refuses; every other line as it was. */
export function withAllowedCandidates(sdp: string, allowPrivate: boolean): string {
  const lines = sdp.split(/(?<=\r?\n)/);
  return lines.filter((line) => !/^a=candidate:/i.test(line) || candidateAllowed(line, allowPrivate)).join('');
}
