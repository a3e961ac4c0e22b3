import { tileBox } from './grid-layout';

/** Where the speaker layout puts the others: a column beside the speaker, or a row under them. */
export type StripPlacement = 'side' | 'bottom';

/** Sizes of the speaker layout in CSS pixels. */
export interface SpeakerGeometry {
  readonly strip: StripPlacement;
  /** The large tile of the active speaker. */
  readonly featured: { readonly width: number; readonly height: number };
  /** Each tile of the strip (the strip scrolls when they do not all fit). */
  readonly stripTile: { readonly width: number; readonly height: number };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The speaker layout for a `width` × `height` area and `others` tiles
 * besides the featured one: on a landscape area the strip is a column on
 * the right (as in Meet), upright it is a row underneath, so the featured
 * tile keeps the longer side. With nobody else, the featured tile takes it all.
 */
export function speakerGeometry(width: number, height: number, others: number, gap = 8): SpeakerGeometry {
  const strip: StripPlacement = width >= height ? 'side' : 'bottom';
  if (others <= 0) {
    return { strip, featured: tileBox(width, height, height > width), stripTile: { width: 0, height: 0 } };
  }
  if (strip === 'side') {
    const tileWidth = Math.round(clamp(width * 0.18, 140, 260));
    const tileHeight = Math.round((tileWidth * 9) / 16);
    return {
      strip,
      featured: tileBox(width - tileWidth - gap, height, false),
      stripTile: { width: tileWidth, height: tileHeight },
    };
  }
  const tileHeight = Math.round(clamp(height * 0.16, 72, 120));
  const tileWidth = Math.round((tileHeight * 16) / 9);
  return {
    strip,
    featured: tileBox(width, height - tileHeight - gap, true),
    stripTile: { width: tileWidth, height: tileHeight },
  };
}
