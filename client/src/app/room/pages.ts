/** One page of a longer list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** The page shown, 0-based, clamped to the pages that exist. */
  readonly index: number;
  readonly count: number;
}

/**
 * The `index`th page of `items`, `size` per page. An index past the end
 * (people left while the last page was shown) gives the last page, so the
 * grid never shows an empty page.
 */
export function pageOf<T>(items: readonly T[], size: number, index: number): Page<T> {
  const perPage = Math.max(1, Math.floor(size));
  const count = Math.max(1, Math.ceil(items.length / perPage));
  const clamped = Math.min(Math.max(0, Math.floor(index)), count - 1);
  return { items: items.slice(clamped * perPage, (clamped + 1) * perPage), index: clamped, count };
}
