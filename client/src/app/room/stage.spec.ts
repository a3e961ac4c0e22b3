import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { until } from '../../testing/async';
import { audioTrack, videoTrack } from '../../testing/media-fakes';
import { NetworkQualityMonitor } from './network-quality-monitor';
import type { ScreenTile } from './screen-tile';
import { SpeakerStore } from '../core/call/speaker-state';
import { Stage } from './stage';
import type { ShownLayout } from './stage-layout';
import type { Tile } from './tile';

function tile(participantId: string, extra: Partial<Tile> = {}): Tile {
  return {
    participantId,
    name: `Name ${participantId}`,
    isSelf: participantId === 'me',
    audioMuted: false,
    videoMuted: true,
    video: null,
    audio: null,
    handRaisedAt: null,
    ...extra,
  };
}

const people = (n: number) => [tile('me'), ...Array.from({ length: n - 1 }, (_, i) => tile(`p${i + 1}`))];

describe('Stage', () => {
  let fixture: ComponentFixture<Stage>;
  const featured = signal<string | null>(null);
  const host = () => fixture.nativeElement as HTMLElement;
  const shownIds = () => Array.from(host().querySelectorAll('parley-participant-tile')).map((t) => t.getAttribute('data-participant-id'));
  const button = (name: string) => host().querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

  async function render(tiles: Tile[], layout: ShownLayout, width = 1200, height = 700, screens: ScreenTile[] = []): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        { provide: SpeakerStore, useValue: { speaking: signal(new Set(['p2'])), featured } },
        { provide: NetworkQualityMonitor, useValue: { byParticipant: signal(new Map()) } },
      ],
    });
    fixture = TestBed.createComponent(Stage);
    host().style.cssText = `display: flex; width: ${width}px; height: ${height}px;`;
    fixture.componentRef.setInput('tiles', tiles);
    fixture.componentRef.setInput('layout', layout);
    fixture.componentRef.setInput('screens', screens);
    await fixture.whenStable();
    // The layout follows the measured box, which ResizeObserver reports a frame later.
    await until(() => (host().querySelector('parley-participant-tile') as HTMLElement | null)?.getBoundingClientRect().width !== 0);
    await fixture.whenStable();
  }

  afterEach(() => {
    featured.set(null);
    fixture.destroy();
  });

  it('shows eight people on one page of 16:9 tiles that fit the box', async () => {
    await render(people(8), 'grid');
    expect(shownIds().length).toBe(8);
    expect(button('Next page')).toBeNull();
    const boxes = Array.from(host().querySelectorAll('parley-participant-tile')).map((t) => t.getBoundingClientRect());
    const area = host().getBoundingClientRect();
    for (const box of boxes) {
      expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
      expect(box.bottom).toBeLessThanOrEqual(area.bottom + 0.5);
      expect(box.right).toBeLessThanOrEqual(area.right + 0.5);
    }
  });

  it('pages ten people nine at a time with Next and Previous page', async () => {
    await render(people(10), 'grid');
    expect(shownIds().length).toBe(9);
    expect(button('Previous page')?.disabled).toBeTrue();
    expect(host().querySelector('.page-number')?.textContent).toContain('Page 1 of 2');
    button('Next page')?.click();
    await fixture.whenStable();
    expect(shownIds()).toEqual(['p9']);
    expect(button('Next page')?.disabled).toBeTrue();
    button('Previous page')?.click();
    await fixture.whenStable();
    expect(shownIds().length).toBe(9);
  });

  it('puts raised hands right after oneself, first raised first, numbered', async () => {
    await render([tile('me'), tile('a'), tile('b', { handRaisedAt: 20 }), tile('c', { handRaisedAt: 10 })], 'grid');
    expect(shownIds()).toEqual(['me', 'c', 'b', 'a']);
    expect(host().querySelector('[data-participant-id="c"] .hand')?.getAttribute('aria-label')).toBe('Hand raised, number 1');
  });

  it('rings whoever is speaking', async () => {
    await render(people(3), 'grid');
    expect(host().querySelector('[data-participant-id="p2"]')?.getAttribute('data-speaking')).toBe('true');
    expect(host().querySelector('[data-participant-id="p1"]')?.getAttribute('data-speaking')).toBeNull();
  });

  it('shows the active speaker large and everyone else in the strip', async () => {
    featured.set('p2');
    await render(people(4), 'speaker');
    const large = host().querySelector('[data-featured="true"]');
    expect(large?.getAttribute('data-participant-id')).toBe('p2');
    const strip = Array.from(host().querySelectorAll('.strip parley-participant-tile')).map((t) => t.getAttribute('data-participant-id'));
    expect(strip).toEqual(['me', 'p1', 'p3']);
    const stripWidth = host().querySelector('.strip parley-participant-tile')?.getBoundingClientRect().width ?? Infinity;
    expect(large?.getBoundingClientRect().width ?? 0).toBeGreaterThan(3 * stripWidth);
  });

  it('follows the speaker: the large tile moves to whoever the store features', async () => {
    featured.set('p1');
    await render(people(3), 'speaker');
    featured.set('p2');
    await fixture.whenStable();
    expect(host().querySelector('[data-featured="true"]')?.getAttribute('data-participant-id')).toBe('p2');
  });

  describe('with shared screens', () => {
    const screen = (participantId: string): ScreenTile => ({
      key: `${participantId}/screen`,
      participantId,
      name: `Name ${participantId}`,
      video: videoTrack(),
      audio: null,
    });
    const stripKeys = () =>
      Array.from(host().querySelectorAll('.strip > *')).map(
        (t) => t.getAttribute('data-screen-of')?.concat('/screen') ?? t.getAttribute('data-participant-id'),
      );

    it('shows the latest screen large, whole, with the other screens and then everyone in the strip', async () => {
      await render(people(3), 'presentation', 1200, 700, [screen('p1'), screen('p2')]);
      const large = host().querySelector('[data-featured="true"]');
      expect(large?.getAttribute('data-screen-of')).toBe('p2');
      expect(large?.getAttribute('aria-label')).toBe("Name p2's screen");
      expect(getComputedStyle(large?.querySelector('video') as Element).objectFit).toBe('contain');
      expect(stripKeys()).toEqual(['p1/screen', 'me', 'p1', 'p2']);
    });

    it("puts a screen next to its owner's tile in the grid", async () => {
      await render(people(3), 'grid', 1200, 700, [screen('p1')]);
      const order = Array.from(host().querySelectorAll('.grid > *')).map((t) => t.getAttribute('data-screen-of') ?? t.getAttribute('data-participant-id'));
      expect(order).toEqual(['me', 'p1', 'p1', 'p2']);
      expect(host().querySelectorAll('.grid > parley-shared-screen').length).toBe(1);
    });

    it("plays a screen's sound from the stage itself, whatever the layout shows", async () => {
      await render(people(2), 'speaker', 1200, 700, [{ ...screen('p1'), audio: audioTrack() }]);
      const audio = host().querySelector('audio[data-source="screen-audio"]');
      expect(audio?.getAttribute('data-participant-id')).toBe('p1');
      expect(audio?.parentElement).toBe(host());
    });
  });
});
