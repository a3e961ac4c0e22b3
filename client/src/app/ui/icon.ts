import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The icons Parley draws. */
export type IconName =
  | 'mic'
  | 'mic-off'
  | 'camera'
  | 'camera-off'
  | 'call-end'
  | 'copy'
  | 'check'
  | 'warning'
  | 'video-plus'
  | 'arrow-right'
  | 'retry'
  | 'hand'
  | 'grid'
  | 'speaker-layout'
  | 'chevron-left'
  | 'chevron-right'
  | 'chat'
  | 'close'
  | 'send'
  | 'people'
  | 'settings'
  | 'switch-camera'
  | 'speaker'
  | 'shield'
  | 'more'
  | 'screen-share'
  | 'screen-share-off'
  | 'presentation-layout'
  | 'reaction';

/**
 * Inline SVG icons (24×24, stroked with `currentColor`), so nothing is
 * downloaded and colour follows the text. Always decorative: the control
 * that holds one carries the accessible name.
 */
@Component({
  selector: 'parley-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true' },
  template: `
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      @switch (name()) {
        @case ('mic') {
          <rect x="9" y="2.5" width="6" height="11.5" rx="3" />
          <path d="M5.5 10.5a6.5 6.5 0 0 0 13 0M12 17v4.5" />
        }
        @case ('mic-off') {
          <path d="M15 9.4V5.5a3 3 0 0 0-5.9-.8M9 9v2a3 3 0 0 0 5.1 2.1" />
          <path d="M18.5 10.5a6.5 6.5 0 0 1-1.1 3.6M5.5 10.5a6.5 6.5 0 0 0 10.4 5.2M12 17v4.5M3 3l18 18" />
        }
        @case ('camera') {
          <rect x="2.5" y="6" width="13.5" height="12" rx="2.5" />
          <path d="M16 10.5l5.5-3.5v10L16 13.5z" />
        }
        @case ('camera-off') {
          <path d="M9 6h4.5A2.5 2.5 0 0 1 16 8.5V11l5.5-4v10L16 13.5M16 16v-.5a2.5 2.5 0 0 1-2.5 2.5H5A2.5 2.5 0 0 1 2.5 15.5v-7A2.5 2.5 0 0 1 5 6" />
          <path d="M3 3l18 18" />
        }
        @case ('call-end') {
          <path
            d="M3.2 14.8l-.9-1.6a1.6 1.6 0 0 1 .3-1.9C5 9 8.4 7.8 12 7.8s7 1.2 9.4 3.5a1.6 1.6 0 0 1 .3 1.9l-.9 1.6a1.5 1.5 0 0 1-1.8.7l-2.7-.9a1.5 1.5 0 0 1-1-1.3l-.2-1.7a11 11 0 0 0-6.2 0l-.2 1.7a1.5 1.5 0 0 1-1 1.3l-2.7.9a1.5 1.5 0 0 1-1.8-.7z"
            fill="currentColor"
            stroke="none"
          />
        }
        @case ('copy') {
          <rect x="9" y="9" width="11.5" height="11.5" rx="2" />
          <path d="M5.5 15H5a1.5 1.5 0 0 1-1.5-1.5V5A1.5 1.5 0 0 1 5 3.5h8.5A1.5 1.5 0 0 1 15 5v.5" />
        }
        @case ('check') {
          <path d="M4.5 12.5l5 5 10-11" />
        }
        @case ('warning') {
          <path d="M10.3 4.2L2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z" />
          <path d="M12 9.5v4M12 17h.01" />
        }
        @case ('video-plus') {
          <rect x="2.5" y="6" width="13.5" height="12" rx="2.5" />
          <path d="M16 10.5l5.5-3.5v10L16 13.5zM9.25 9v6M6.25 12h6" />
        }
        @case ('arrow-right') {
          <path d="M4.5 12h15M13.5 6l6 6-6 6" />
        }
        @case ('retry') {
          <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4.5V11h-6.5" />
        }
        @case ('hand') {
          <path d="M8 12.5V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5V4a1.5 1.5 0 0 1 3 0v6.5M14 10.5V5.5a1.5 1.5 0 0 1 3 0V13" />
          <path d="M17 9.5a1.5 1.5 0 0 1 3 0V14a7.5 7.5 0 0 1-7.5 7.5h-.6a7 7 0 0 1-5.3-2.5L3.5 15.2a1.6 1.6 0 0 1 2.3-2.2L8 15" />
        }
        @case ('grid') {
          <rect x="3.5" y="3.5" width="7" height="7" rx="1.5" />
          <rect x="13.5" y="3.5" width="7" height="7" rx="1.5" />
          <rect x="3.5" y="13.5" width="7" height="7" rx="1.5" />
          <rect x="13.5" y="13.5" width="7" height="7" rx="1.5" />
        }
        @case ('speaker-layout') {
          <rect x="2.5" y="4" width="13" height="16" rx="2" />
          <rect x="18" y="4" width="3.5" height="4.5" rx="1" />
          <rect x="18" y="9.75" width="3.5" height="4.5" rx="1" />
          <rect x="18" y="15.5" width="3.5" height="4.5" rx="1" />
        }
        @case ('chevron-left') {
          <path d="M15 5l-7 7 7 7" />
        }
        @case ('chevron-right') {
          <path d="M9 5l7 7-7 7" />
        }
        @case ('chat') {
          <path d="M20.5 12a8 8 0 0 1-11.6 7.1L3.5 20.5l1.4-5.1A8 8 0 1 1 20.5 12z" />
        }
        @case ('close') {
          <path d="M6 6l12 12M18 6L6 18" />
        }
        @case ('send') {
          <path d="M4 12h9M3.5 4.5l17 7.5-17 7.5L6 12z" />
        }
        @case ('people') {
          <circle cx="9" cy="8" r="3.5" />
          <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.7a3.5 3.5 0 0 1 0 6.6M18.5 14a6.5 6.5 0 0 1 3 6" />
        }
        @case ('settings') {
          <circle cx="12" cy="12" r="3" />
          <path
            d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"
          />
        }
        @case ('speaker') {
          <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" />
          <path d="M15.5 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11" />
        }
        @case ('shield') {
          <path d="M12 2.8l7.5 2.9v5.6c0 4.6-3.1 8.3-7.5 9.9-4.4-1.6-7.5-5.3-7.5-9.9V5.7z" />
          <path d="M8.8 12l2.2 2.2 4.3-4.4" />
        }
        @case ('more') {
          <circle cx="12" cy="5.5" r="1.4" fill="currentColor" stroke="none" />
          <circle cx="12" cy="12" r="1.4" fill="currentColor" stroke="none" />
          <circle cx="12" cy="18.5" r="1.4" fill="currentColor" stroke="none" />
        }
        @case ('switch-camera') {
          <path d="M4 7.5h3l1.5-2h7l1.5 2h3A1.5 1.5 0 0 1 21.5 9v9a1.5 1.5 0 0 1-1.5 1.5H4A1.5 1.5 0 0 1 2.5 18V9A1.5 1.5 0 0 1 4 7.5z" />
          <path d="M9 13.5a3 3 0 0 1 5.2-2M15 12.5a3 3 0 0 1-5.2 2M14.5 9.5v2h-2M9.5 16.5v-2h2" />
        }
        @case ('screen-share') {
          <rect x="2.5" y="4" width="19" height="13" rx="2" />
          <path d="M8.5 21h7M12 17v4M12 13.5V7.5M9.3 10.2L12 7.5l2.7 2.7" />
        }
        @case ('screen-share-off') {
          <rect x="2.5" y="4" width="19" height="13" rx="2" />
          <path d="M8.5 21h7M12 17v4M9.5 8l5 5M14.5 8l-5 5" />
        }
        @case ('presentation-layout') {
          <rect x="2.5" y="4" width="13" height="16" rx="1.5" />
          <rect x="18" y="4" width="3.5" height="4.5" rx="1" />
          <rect x="18" y="9.75" width="3.5" height="4.5" rx="1" />
          <rect x="18" y="15.5" width="3.5" height="4.5" rx="1" />
        }
        @case ('reaction') {
          <circle cx="12" cy="12" r="8.5" />
          <path d="M8.5 14a4 4 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
        }
      }
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      width: 1.5em;
      height: 1.5em;
      flex: none;
    }
    svg {
      width: 100%;
      height: 100%;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
}
