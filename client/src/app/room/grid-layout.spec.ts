import { MAX_TILES_PER_PAGE, bestGrid, gridGeometry, pageSizeFor, tileBox } from './grid-layout';

describe('bestGrid', () => {
  it('gives a lone participant the whole area', () => {
    expect(bestGrid(1, 1260, 680)).toEqual({ columns: 1, rows: 1 });
  });

  it('puts two people side by side on a wide screen', () => {
    expect(bestGrid(2, 1260, 680)).toEqual({ columns: 2, rows: 1 });
  });

  it('stacks three people in one column on an upright phone', () => {
    expect(bestGrid(3, 370, 730)).toEqual({ columns: 1, rows: 3 });
  });

  it('uses two columns for eight people on an upright phone', () => {
    expect(bestGrid(8, 370, 730)).toEqual({ columns: 2, rows: 4 });
  });

  it('fits eight people in three columns on a laptop screen', () => {
    expect(bestGrid(8, 1260, 680)).toEqual({ columns: 3, rows: 3 });
  });

  it('still answers for an area not measured yet', () => {
    expect(bestGrid(4, 0, 0)).toEqual({ columns: 1, rows: 4 });
  });
});

describe('tileBox', () => {
  it('keeps tiles 16:9 in a landscape area, limited by the height', () => {
    expect(tileBox(620, 300, false)).toEqual({ width: 533, height: 300 });
  });

  it('keeps tiles 16:9 in a landscape area, limited by the width', () => {
    expect(tileBox(620, 680, false)).toEqual({ width: 620, height: 348 });
  });

  it('lets an upright area grow a tile up to square, not taller', () => {
    expect(tileBox(370, 700, true)).toEqual({ width: 370, height: 370 });
    expect(tileBox(370, 240, true)).toEqual({ width: 370, height: 240 });
  });

  it('gives nothing for an area not measured yet', () => {
    expect(tileBox(0, 0, false)).toEqual({ width: 0, height: 0 });
  });
});

describe('gridGeometry', () => {
  it('fits every one of 1–8 tiles inside a laptop window, gaps included, at 16:9', () => {
    const [width, height, gap] = [1260, 680, 8];
    for (let n = 1; n <= 8; n++) {
      const g = gridGeometry(n, width, height, gap);
      expect(g.columns * g.rows).toBeGreaterThanOrEqual(n);
      expect(g.columns * g.tileWidth + (g.columns - 1) * gap).toBeLessThanOrEqual(width);
      expect(g.rows * g.tileHeight + (g.rows - 1) * gap).toBeLessThanOrEqual(height);
      expect(Math.abs(g.tileWidth / g.tileHeight - 16 / 9)).withContext(`${n} tiles`).toBeLessThan(0.02);
    }
  });

  it('fits every one of 1–8 tiles inside an upright phone without scrolling', () => {
    const [width, height, gap] = [370, 640, 8];
    for (let n = 1; n <= 8; n++) {
      const g = gridGeometry(n, width, height, gap);
      expect(g.columns * g.tileWidth + (g.columns - 1) * gap).toBeLessThanOrEqual(width);
      expect(g.rows * g.tileHeight + (g.rows - 1) * gap).toBeLessThanOrEqual(height);
    }
  });

  it('sizes eight tiles at 3 × 3 on a laptop screen', () => {
    expect(gridGeometry(8, 1260, 680)).toEqual({ columns: 3, rows: 3, tileWidth: 393, tileHeight: 221 });
  });
});

describe('pageSizeFor', () => {
  it('holds a full page of nine on a laptop screen and on a phone', () => {
    expect(pageSizeFor(1260, 680)).toBe(MAX_TILES_PER_PAGE);
    expect(pageSizeFor(370, 640)).toBe(MAX_TILES_PER_PAGE);
  });

  it('holds fewer on a tiny window, keeping tiles readable', () => {
    const size = pageSizeFor(300, 200);
    expect(size).toBeLessThan(MAX_TILES_PER_PAGE);
    expect(gridGeometry(size, 300, 200).tileWidth).toBeGreaterThanOrEqual(120);
  });

  it('holds at least one tile however small the area', () => {
    expect(pageSizeFor(50, 40)).toBe(1);
  });
});
