// The gateway's /metrics gauges as the e2e tests read them: what a room, a
// Janus room and a participant left behind would show up in.
import { waitFor } from './stack.mjs';

/** Generous: the empty-room grace is seconds and the machine is shared. */
const SETTLE_MS = 30_000;

/** The sum of every series of `name` in a Prometheus text exposition (0 when absent). */
export function total(text, name) {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{[^}]*\})? (\S+)$/i.exec(line);
    if (match && match[1] === name) sum += Number(match[2]);
  }
  return sum;
}

/** The rooms, Janus rooms and participants a gateway holds now. */
export async function gauges(parley) {
  const response = await fetch(parley.metricsUrl);
  if (!response.ok) throw new Error(`metrics at ${parley.metricsUrl}: HTTP ${response.status}`);
  const text = await response.text();
  return {
    rooms: total(text, 'parley_rooms'),
    janusRooms: total(text, 'parley_janus_rooms'),
    participants: total(text, 'parley_participants'),
  };
}

/** Waits until the gauges are back at `start` and returns how long that took; throws when they never are. */
export async function backTo(parley, start) {
  const since = Date.now();
  const same = (now) => now.rooms === start.rooms && now.janusRooms === start.janusRooms && now.participants === start.participants;
  const last = await waitFor(() => gauges(parley), same, SETTLE_MS, 250);
  if (!same(last)) throw new Error(`gauges still ${JSON.stringify(last)} ${SETTLE_MS / 1000} s later, not back at ${JSON.stringify(start)}`);
  return Date.now() - since;
}

/** Nothing open: what a gateway holds once every room has emptied past its grace. */
export const NOTHING_OPEN = Object.freeze({ rooms: 0, janusRooms: 0, participants: 0 });
