import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { assertUnreachable } from '../core/assert-unreachable';
import { BROWSER_GLOBALS, missingCapabilities, type MissingCapability } from '../core/webrtc/browser-support';
import { meetingLink } from '../ui/copy-link';

/** What to tell someone about one missing capability: the problem, and what to do instead. */
interface Explanation {
  readonly capability: MissingCapability;
  readonly title: string;
  readonly detail: string;
  readonly remedy: string;
}

/**
 * `/r/:room` in a browser that cannot hold a call (see `browserCanCall`):
 * says what is missing and what to use instead, and keeps the meeting link at
 * hand to open elsewhere.
 */
@Component({
  selector: 'parley-unsupported-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="unsupported" data-unsupported>
      <h1>This browser can't join the meeting</h1>
      <ul class="problems">
        @for (item of explanations(); track item.capability) {
          <li [attr.data-missing]="item.capability">
            <h2>{{ item.title }}</h2>
            <p>{{ item.detail }}</p>
            <p class="remedy">{{ item.remedy }}</p>
          </li>
        }
      </ul>
      @if (secureLink(); as link) {
        <p>Try the secure address: <a [href]="link">{{ link }}</a></p>
      } @else {
        <p>
          Meeting link, to open in another browser:
          <span class="link">{{ meetingLink() }}</span>
        </p>
      }
      <a class="button secondary" routerLink="/">Back to start</a>
    </main>
  `,
  styles: `
    .unsupported {
      min-height: 100dvh;
      display: grid;
      align-content: center;
      justify-items: start;
      gap: 12px;
      max-width: 38rem;
      margin: 0 auto;
      padding: max(24px, env(safe-area-inset-top)) 20px max(24px, env(safe-area-inset-bottom));
    }
    h1 {
      margin: 0 0 8px;
      font-size: 1.6rem;
    }
    .problems {
      display: grid;
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding: 14px 16px;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
    }
    h2 {
      margin: 0 0 6px;
      font-size: 1.05rem;
    }
    p {
      margin: 0;
      line-height: 1.5;
      color: var(--text-muted);
    }
    .remedy {
      margin-top: 6px;
      color: var(--text);
    }
    .link,
    a:not(.button) {
      overflow-wrap: anywhere;
    }
    .link {
      color: var(--text);
      user-select: all;
    }
  `,
})
export class UnsupportedPage {
  /** The `:room` route parameter. */
  readonly room = input.required<string>();

  private readonly globals = inject(BROWSER_GLOBALS);
  private readonly missing = missingCapabilities(this.globals);

  protected readonly explanations = computed(() => this.missing.map((capability) => explain(capability)));
  protected readonly meetingLink = computed(() => meetingLink(this.room()));
  /** The same meeting over https, when plain http is what stands in the way. */
  protected readonly secureLink = computed(() => {
    const location = globalThis.location;
    if (!this.missing.includes('secure-context') || location?.protocol !== 'http:') return null;
    return `https://${location.host}/r/${encodeURIComponent(this.room())}`;
  });
}

const USE_INSTEAD = 'Use a current Firefox, Chrome, Edge or Safari (on an iPhone or iPad, Safari).';

function explain(capability: MissingCapability): Explanation {
  switch (capability) {
    case 'secure-context':
      return {
        capability,
        title: 'The page was not opened over a secure connection',
        detail:
          'Browsers only let a page use the camera and microphone over https, or on this computer itself (localhost). This page came over plain http.',
        remedy: 'Open the meeting through its https address. If there is none, ask whoever runs this Parley server to put it behind HTTPS.',
      };
    case 'peer-connection':
      return {
        capability,
        title: 'This browser cannot make video calls',
        detail:
          'It has no WebRTC (RTCPeerConnection): it is too old, or WebRTC has been switched off by a privacy setting or an extension.',
        remedy: `${USE_INSTEAD} If you switched WebRTC off, allow it for this site.`,
      };
    case 'media-devices':
      return {
        capability,
        title: 'This browser cannot use a camera or microphone here',
        detail:
          'It offers no access to cameras and microphones (navigator.mediaDevices). Browsers built into other apps, such as the one a chat or mail app opens links in, often leave it out.',
        remedy: `Open the link in the browser itself. ${USE_INSTEAD}`,
      };
    default:
      return assertUnreachable(capability);
  }
}
