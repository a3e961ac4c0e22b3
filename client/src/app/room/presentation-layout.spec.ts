import { gridItems, presentationGeometry, presentationItems, speakerItems, type StageItem } from './presentation-layout';
import type { ScreenTile } from './screen-tile';
import type { Tile } from './tile';

function tile(participantId: string, extra: Partial<Tile> = {}): Tile {
  return {
    participantId,
    name: participantId,
    isSelf: participantId === 'me',
    audioMuted: false,
    videoMuted: true,
    video: null,
    audio: null,
    handRaisedAt: null,
    ...extra,
  };
}

const screen = (participantId: string): ScreenTile => ({
  key: `${participantId}/screen`,
  participantId,
  name: participantId,
  video: {} as MediaStreamTrack,
  audio: null,
});

const keys = (items: readonly StageItem[]) => items.map((item) => item.key);
const people = [tile('me'), tile('ada'), tile('bob'), tile('cy')];

describe('presentation layout', () => {
  it('shows the most recent share large', () => {
    const { featured } = presentationItems(people, [screen('ada'), screen('bob')]);
    expect(featured?.key).toBe('bob/screen');
  });

  it('puts the other shares first in the strip, most recent first, then everyone in stage order', () => {
    const { strip } = presentationItems(people, [screen('cy'), screen('ada'), screen('bob')]);
    expect(keys(strip)).toEqual(['ada/screen', 'cy/screen', 'me', 'ada', 'bob', 'cy']);
  });

  it('keeps raised hands at the front of the people in the strip', () => {
    const { strip } = presentationItems([tile('me'), tile('ada'), tile('bob', { handRaisedAt: 5 })], [screen('ada')]);
    expect(keys(strip)).toEqual(['me', 'bob', 'ada']);
  });

  it('has nothing large without a share', () => {
    expect(presentationItems(people, []).featured).toBeNull();
  });
});

describe('grid with shared screens', () => {
  it("puts each screen right after its owner's tile", () => {
    expect(keys(gridItems(people, [screen('bob'), screen('ada')]))).toEqual(['me', 'ada', 'ada/screen', 'bob', 'bob/screen', 'cy']);
  });
});

describe('speaker layout with shared screens', () => {
  it('keeps the speaker large and puts the screens first in the strip', () => {
    const { featured, strip } = speakerItems(people, [screen('ada'), screen('cy')], 'bob');
    expect(featured?.key).toBe('bob');
    expect(keys(strip)).toEqual(['cy/screen', 'ada/screen', 'me', 'ada', 'cy']);
  });
});

describe('presentationGeometry', () => {
  it('gives the screen a 16:9 box beside a strip on a landscape window', () => {
    const geometry = presentationGeometry(1260, 640, 3);
    expect(geometry.strip).toBe('side');
    expect(geometry.featured.width / geometry.featured.height).toBeCloseTo(16 / 9, 1);
    expect(geometry.featured.width + geometry.stripTile.width + 8).toBeLessThanOrEqual(1260);
  });

  it('shows the whole screen, not a square crop, above the strip on an upright phone', () => {
    const geometry = presentationGeometry(370, 600, 3);
    expect(geometry.strip).toBe('bottom');
    expect(geometry.featured.width).toBe(370);
    expect(geometry.featured.width / geometry.featured.height).toBeCloseTo(16 / 9, 1);
  });

  it('lets the others fill the room under the screen on an upright phone, larger than a one-row strip', () => {
    const geometry = presentationGeometry(370, 600, 3);
    const oneRow = presentationGeometry(370, 260, 3);
    expect(geometry.stripWraps).toBeTrue();
    expect(geometry.stripTile.height).toBeGreaterThan(oneRow.stripTile.height);
    expect(geometry.featured.height + 8 + 3 * geometry.stripTile.height + 2 * 8).toBeLessThanOrEqual(600);
  });

  it('keeps the scrolling strip where there is no room to wrap', () => {
    expect(presentationGeometry(370, 260, 3).stripWraps).toBeFalse();
    expect(presentationGeometry(1260, 640, 3).stripWraps).toBeFalse();
  });
});
