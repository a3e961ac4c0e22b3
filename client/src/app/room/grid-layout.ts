/** Columns and rows of the call grid. */
export interface GridShape {
  readonly columns: number;
  readonly rows: number;
}

/** A grid shape with the size of each tile in it, in CSS pixels. */
export interface GridGeometry extends GridShape {
  readonly tileWidth: number;
  readonly tileHeight: number;
}

/** Video is 16:9; tiles in a landscape area keep exactly that. */
const VIDEO_ASPECT = 16 / 9;

/** More tiles than this on one page make faces too small to read, whatever the screen. */
export const MAX_TILES_PER_PAGE = 9;

/** A tile narrower than this no longer shows a face or a name usefully. */
export const MIN_TILE_WIDTH = 120;

/**
 * The grid that shows `count` tiles biggest in a `width` × `height` area:
 * for each column count, the area of the largest `aspect` (16:9 video)
 * rectangle that fits one tile, keeping the best (fewer columns on a tie).
 * A phone upright thus stacks two or three people in one column, and a wide
 * screen puts them side by side, without a table of breakpoints.
 */
export function bestGrid(count: number, width: number, height: number, gap = 8, aspect = VIDEO_ASPECT): GridShape {
  const n = Math.max(1, Math.floor(count));
  let best: GridShape = { columns: 1, rows: n };
  let bestArea = -1;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const tileWidth = (width - gap * (columns - 1)) / columns;
    const tileHeight = (height - gap * (rows - 1)) / rows;
    if (tileWidth <= 0 || tileHeight <= 0) continue;
    const videoWidth = Math.min(tileWidth, tileHeight * aspect);
    const area = videoWidth * (videoWidth / aspect);
    if (area > bestArea + 0.5) {
      best = { columns, rows };
      bestArea = area;
    }
  }
  return best;
}

/**
 * The largest tile for one cell of `width` × `height`. In a landscape area
 * tiles are exactly 16:9, as the camera sends them, so nobody is cropped; in
 * an upright area (a phone) a tile may grow up to square, because cropping
 * the sides of a face costs less there than empty bands above and below it.
 */
export function tileBox(width: number, height: number, upright: boolean): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const tileWidth = Math.min(width, height * VIDEO_ASPECT);
  const tallest = upright ? tileWidth : tileWidth / VIDEO_ASPECT;
  return { width: Math.floor(tileWidth), height: Math.floor(Math.min(height, tallest)) };
}

/** {@link bestGrid} plus the size of every tile in it. */
export function gridGeometry(count: number, width: number, height: number, gap = 8): GridGeometry {
  const shape = bestGrid(count, width, height, gap);
  const cellWidth = (width - gap * (shape.columns - 1)) / shape.columns;
  const cellHeight = (height - gap * (shape.rows - 1)) / shape.rows;
  const tile = tileBox(cellWidth, cellHeight, height > width);
  return { ...shape, tileWidth: tile.width, tileHeight: tile.height };
}

/**
 * How many tiles one page of the grid holds in a `width` × `height` area:
 * the most, up to {@link MAX_TILES_PER_PAGE}, whose tiles stay at least
 * {@link MIN_TILE_WIDTH} wide. Never less than one.
 */
export function pageSizeFor(width: number, height: number, gap = 8): number {
  for (let n = MAX_TILES_PER_PAGE; n > 1; n--) {
    if (gridGeometry(n, width, height, gap).tileWidth >= MIN_TILE_WIDTH) return n;
  }
  return 1;
}
