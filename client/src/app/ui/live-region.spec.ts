import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LiveRegion, type Announcement } from './live-region';

@Component({
  imports: [LiveRegion],
  template: `<parley-live-region data-test-region [lines]="lines()" />`,
})
class Host {
  readonly lines = signal<readonly Announcement[]>([]);
}

describe('LiveRegion', () => {
  it('is a polite, non-atomic, visually hidden region that adds each new line for screen readers', () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const region = (fixture.nativeElement as HTMLElement).querySelector('[data-test-region]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(region?.getAttribute('aria-atomic')).toBe('false');
    expect(region?.classList).toContain('visually-hidden');
    fixture.componentInstance.lines.set([{ id: 1, text: 'Ada reacted 👍 (thumbs up)' }]);
    fixture.detectChanges();
    const first = region?.querySelector('p');
    fixture.componentInstance.lines.set([...fixture.componentInstance.lines(), { id: 2, text: 'Bob: hi' }]);
    fixture.detectChanges();
    expect([...(region?.querySelectorAll('p') ?? [])].map((p) => p.textContent)).toEqual(['Ada reacted 👍 (thumbs up)', 'Bob: hi']);
    expect(region?.querySelector('p')).withContext('an earlier line stays the same node (not read out again)').toBe(first ?? null);
  });
});
