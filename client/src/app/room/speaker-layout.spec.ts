import { speakerGeometry } from './speaker-layout';

describe('speakerGeometry', () => {
  it('puts the strip beside the speaker on a landscape screen, leaving room for both', () => {
    const g = speakerGeometry(1260, 680, 7);
    expect(g.strip).toBe('side');
    expect(g.featured.width + 8 + g.stripTile.width).toBeLessThanOrEqual(1260);
    expect(g.featured.height).toBeLessThanOrEqual(680);
    expect(g.featured.width).toBeGreaterThan(3 * g.stripTile.width);
  });

  it('puts the strip under the speaker on an upright phone', () => {
    const g = speakerGeometry(370, 640, 7);
    expect(g.strip).toBe('bottom');
    expect(g.featured.height + 8 + g.stripTile.height).toBeLessThanOrEqual(640);
    expect(g.featured.width).toBe(370);
  });

  it('keeps strip tiles at 16:9', () => {
    const { stripTile } = speakerGeometry(1260, 680, 3);
    expect(Math.abs(stripTile.width / stripTile.height - 16 / 9)).toBeLessThan(0.02);
  });

  it('gives the whole area to the speaker when nobody else is there', () => {
    expect(speakerGeometry(1260, 680, 0).featured).toEqual({ width: 1208, height: 680 });
  });
});
