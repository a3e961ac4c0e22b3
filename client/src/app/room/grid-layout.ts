/** Columns and rows of the call grid. */
export interface GridShape {
  readonly columns: number;
  readonly rows: number;
}

/**
 * The grid that shows `count` tiles biggest in a `width` × `height` area:
 * for each column count, the area of the largest `aspect` (16:9 video)
 * rectangle that fits one tile, keeping the best (fewer columns on a tie).
 * A phone upright thus stacks two or three people in one column, and a wide
 * screen puts them side by side, without a table of breakpoints.
 */
export function bestGrid(count: number, width: number, height: number, gap = 8, aspect = 16 / 9): GridShape {
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
