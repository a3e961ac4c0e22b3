import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ScreenShare } from './screen-share';
import { ScreenShareToggle } from './screen-share-toggle';

describe('ScreenShareToggle', () => {
  let fixture: ComponentFixture<ScreenShareToggle>;
  const sharing = signal(false);
  const busy = signal(false);
  let toggles: number;

  function render(supported: boolean): void {
    toggles = 0;
    sharing.set(false);
    busy.set(false);
    TestBed.configureTestingModule({
      providers: [
        {
          provide: ScreenShare,
          useValue: {
            supported,
            sharing,
            busy,
            toggle: async () => {
              toggles += 1;
            },
          },
        },
      ],
    });
    fixture = TestBed.createComponent(ScreenShareToggle);
    fixture.detectChanges();
  }

  const button = () => (fixture.nativeElement as HTMLElement).querySelector('button');

  it('reads "Share screen", not pressed, and asks to share when pressed', () => {
    render(true);
    expect(button()?.getAttribute('aria-label')).toBe('Share screen');
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
    button()?.click();
    expect(toggles).toBe(1);
  });

  it('reads "Stop sharing", pressed, while sharing', () => {
    render(true);
    sharing.set(true);
    fixture.detectChanges();
    expect(button()?.getAttribute('aria-label')).toBe('Stop sharing');
    expect(button()?.getAttribute('aria-pressed')).toBe('true');
  });

  it('is disabled while a share starts or stops', () => {
    render(true);
    busy.set(true);
    fixture.detectChanges();
    expect(button()?.disabled).toBeTrue();
  });

  it('is not there at all where the browser cannot share a screen', () => {
    render(false);
    expect(button()).toBeNull();
    expect((fixture.nativeElement as HTMLElement).style.display).toBe('none');
  });
});
