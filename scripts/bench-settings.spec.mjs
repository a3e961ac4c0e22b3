// The benchmark's Janus demo room must be configured like Parley's rooms
// (bench/lib/janus-api.mjs copies api/src/janus/janus-sfu.ts createRoom), or
// the side-by-side figures compare different rooms. Also the small helpers the
// benchmark's tables rest on. No build and no Janus needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARLEY_ROOM_SETTINGS, janusCreateBody } from '../bench/lib/janus-api.mjs';
import { percentile, table } from '../bench/lib/stats.mjs';
import { ROOT } from './lib/gateway.mjs';

const source = readFileSync(join(ROOT, 'api/src/janus/janus-sfu.ts'), 'utf8');
const constant = (name) => {
  const m = new RegExp(`const ${name} = ([^;]+);`).exec(source);
  if (!m) throw new Error(`janus-sfu.ts no longer defines ${name}`);
  return m[1].trim().replace(/_/g, '').replace(/^'(.*)'$/, '$1');
};
/** The literal value of `key:` in the create request of janus-sfu.ts. */
const option = (key) => {
  const m = new RegExp(`\\b${key}: ('[^']*'|[^,\\n]+),`).exec(source.slice(source.indexOf('manager.create(')));
  if (!m) throw new Error(`janus-sfu.ts create request has no ${key}`);
  return m[1].trim();
};

describe('bench: the demo room mirrors Parley’s Janus rooms', () => {
  it('has the same bitrate cap, codecs, H.264 profile and talking thresholds', () => {
    expect(PARLEY_ROOM_SETTINGS.bitrate).toBe(Number(constant('PUBLISHER_BITRATE')));
    expect(PARLEY_ROOM_SETTINGS.h264_profile).toBe(constant('H264_CONSTRAINED_BASELINE'));
    expect(PARLEY_ROOM_SETTINGS.talking_level_threshold).toBe(Number(constant('TALKING_LEVEL_DBOV')));
    expect(PARLEY_ROOM_SETTINGS.talking_packets_threshold).toBe(Number(constant('TALKING_PACKETS')));
    expect(`'${PARLEY_ROOM_SETTINGS.audiocodec}'`).toBe(option('audiocodec'));
    expect(`'${PARLEY_ROOM_SETTINGS.videocodec}'`).toBe(option('videocodec'));
  });

  it('is private, needs private ids, does not announce joins and is not permanent, as Parley’s are', () => {
    for (const key of ['is_private', 'require_pvtid', 'notify_joining', 'permanent', 'talking_events']) {
      expect(String(PARLEY_ROOM_SETTINGS[key])).withContext(key).toBe(option(key));
    }
  });
});

describe('bench: the demo room is created through the Janus API', () => {
  it('under the Janus API’s names for what janode renames (publishers, audio-level settings)', () => {
    const body = janusCreateBody({ max_publishers: 8, ...PARLEY_ROOM_SETTINGS });
    expect(body).toEqual(
      jasmine.objectContaining({ publishers: 8, audiolevel_event: true, audio_level_average: 35, audio_active_packets: 40, bitrate: 3_500_000 }),
    );
    for (const janodeName of ['max_publishers', 'talking_events', 'talking_level_threshold', 'talking_packets_threshold']) {
      expect(Object.keys(body)).withContext(janodeName).not.toContain(janodeName);
    }
  });
});

describe('bench: statistics and tables', () => {
  it('takes nearest-rank percentiles and ignores missing values', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([null, 7, undefined], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('prints a Markdown table with numbers right-aligned', () => {
    expect(table(['what', 'ms'], [['join', '12'], ['chat', '3']])).toBe(
      ['| what | ms |', '| ---- | -: |', '| join | 12 |', '| chat |  3 |'].join('\n'),
    );
  });
});
