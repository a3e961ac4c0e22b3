/** Columns and rows for `count` tiles. */
export interface GridShape {
  readonly columns: number;
  readonly rows: number;
}

/**
 * The grid for a wide screen and for a tall one. Tall (phones upright)
 * stacks tiles in fewer columns; both keep tiles close to video's 16:9 or
 * the phone's 3:4, so little is cropped.
 */
export function gridShapes(count: number): { readonly wide: GridShape; readonly tall: GridShape } {
  const n = Math.max(1, count);
  const wideColumns = n === 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  const tallColumns = n <= 2 ? 1 : n <= 8 ? 2 : 3;
  return {
    wide: { columns: wideColumns, rows: Math.ceil(n / wideColumns) },
    tall: { columns: tallColumns, rows: Math.ceil(n / tallColumns) },
  };
}
