import type { Provider } from '@angular/core';
import { LAYER_SELECTION, SIMULCAST_ENCODINGS, VIDEO_CONSTRAINTS } from './media-config';

/** What the query string of the first page load may override, for tests. */
export interface MediaOverrides {
  readonly video?: MediaTrackConstraints;
  readonly encodings?: readonly RTCRtpEncodingParameters[];
  readonly layerSelection?: boolean;
}

const VIDEO_PATTERN = /^(\d{2,4})x(\d{2,4})(?:@(\d{1,2}))?$/;

/**
 * Reads test-only media overrides from a query string, so an end-to-end run
 * with eight browsers on one machine can ask for tiny video without a special
 * build:
 *
 * - `e2e-video=320x180@15` — camera ideal width × height, optional max frame rate;
 * - `e2e-simulcast=off` — one encoding instead of three layers;
 * - `e2e-layers=off` — no `media.view` reports, so Janus forwards its default
 *   (top) layer of every stream: the baseline layer selection is measured against.
 *
 * Malformed values are ignored rather than failing the page.
 */
export function parseMediaOverrides(search: string): MediaOverrides {
  const params = new URLSearchParams(search);
  const overrides: { -readonly [K in keyof MediaOverrides]: MediaOverrides[K] } = {};
  const video = VIDEO_PATTERN.exec(params.get('e2e-video') ?? '');
  if (video) {
    const [, width, height, fps] = video;
    overrides.video = {
      width: { ideal: Number(width) },
      height: { ideal: Number(height) },
      ...(fps ? { frameRate: { ideal: Number(fps), max: Number(fps) } } : {}),
    };
  }
  if (params.get('e2e-simulcast') === 'off') {
    overrides.encodings = [{ active: true, maxBitrate: 300_000 }];
  }
  if (params.get('e2e-layers') === 'off') overrides.layerSelection = false;
  return overrides;
}

/** Providers that apply {@link parseMediaOverrides} of `search` over the defaults. */
export function provideMediaOverrides(search: string): Provider[] {
  const overrides = parseMediaOverrides(search);
  const providers: Provider[] = [];
  if (overrides.video) providers.push({ provide: VIDEO_CONSTRAINTS, useValue: overrides.video });
  if (overrides.encodings) providers.push({ provide: SIMULCAST_ENCODINGS, useValue: overrides.encodings });
  if (overrides.layerSelection === false) providers.push({ provide: LAYER_SELECTION, useValue: false });
  return providers;
}
