import { gridGeometry, tileBox } from './grid-layout';
import { stageOrder } from '../core/call/raised-hands';
import type { ScreenTile } from './screen-tile';
import { speakerGeometry, type SpeakerGeometry } from './speaker-layout';
import type { Tile } from './tile';

/** One tile of the stage: a person (camera or initials), or a shared screen. */
export type StageItem =
  | { readonly kind: 'person'; readonly key: string; readonly tile: Tile }
  | { readonly kind: 'screen'; readonly key: string; readonly screen: ScreenTile };

/** A layout with one tile large and the others in a strip. */
export interface FeaturedItems {
  readonly featured: StageItem | null;
  readonly strip: readonly StageItem[];
}

const person = (tile: Tile): StageItem => ({ kind: 'person', key: tile.participantId, tile });
const screen = (tile: ScreenTile): StageItem => ({ kind: 'screen', key: tile.key, screen: tile });
/** `screens` is oldest share first; strips show the most recent first. */
const latestFirst = (screens: readonly ScreenTile[]): StageItem[] => [...screens].reverse().map(screen);

/**
 * The grid: people in stage order (oneself, raised hands, the rest), each
 * shared screen right after its owner's tile, so a screen sits next to the
 * face of whoever shares it.
 */
export function gridItems(tiles: readonly Tile[], screens: readonly ScreenTile[]): StageItem[] {
  return stageOrder(tiles).flatMap((tile) => [
    person(tile),
    ...screens.filter((s) => s.participantId === tile.participantId).map(screen),
  ]);
}

/**
 * The presentation layout: the most recent share large (`screens` is oldest
 * first); in the strip the other shares, most recent first, then everyone's
 * tile in stage order.
 */
export function presentationItems(tiles: readonly Tile[], screens: readonly ScreenTile[]): FeaturedItems {
  const [featured = null, ...otherScreens] = latestFirst(screens);
  return { featured, strip: [...otherScreens, ...stageOrder(tiles).map(person)] };
}

/**
 * The speaker layout: `featuredId`'s tile large (else the first in stage
 * order); in the strip any shared screens, most recent first, then the others.
 */
export function speakerItems(tiles: readonly Tile[], screens: readonly ScreenTile[], featuredId: string | null): FeaturedItems {
  const people = stageOrder(tiles);
  const large = people.find((tile) => tile.participantId === featuredId) ?? people[0] ?? null;
  return {
    featured: large === null ? null : person(large),
    strip: [...latestFirst(screens), ...people.filter((tile) => tile !== large).map(person)],
  };
}

/** Sizes of the presentation layout. */
export interface PresentationGeometry extends SpeakerGeometry {
  /** True when the strip wraps into rows filling the room under the screen, rather than scrolling in one row. */
  readonly stripWraps: boolean;
}

/**
 * Sizes of the presentation layout: the strip as in the speaker layout, and
 * the screen as the largest 16:9 box in the rest. Unlike a face, a screen is
 * never cropped square on an upright phone: it is shown whole, full width,
 * which leaves room under it; there the others' tiles wrap into rows as
 * large as fit (never smaller than the one-row strip would make them).
 */
export function presentationGeometry(width: number, height: number, others: number, gap = 8): PresentationGeometry {
  const speaker = speakerGeometry(width, height, others, gap);
  if (others <= 0) return { ...speaker, featured: tileBox(width, height, false), stripWraps: false };
  if (speaker.strip === 'side') {
    return { ...speaker, featured: tileBox(width - speaker.stripTile.width - gap, height, false), stripWraps: false };
  }
  const featured = tileBox(width, height - speaker.stripTile.height - gap, false);
  const below = gridGeometry(others, width, height - featured.height - gap, gap);
  if (below.tileHeight <= speaker.stripTile.height) return { ...speaker, featured, stripWraps: false };
  return { ...speaker, featured, stripTile: { width: below.tileWidth, height: below.tileHeight }, stripWraps: true };
}
