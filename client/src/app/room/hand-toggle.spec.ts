import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HandToggle } from './hand-toggle';
import { RaiseHand } from './raise-hand';

describe('HandToggle', () => {
  let fixture: ComponentFixture<HandToggle>;
  const raised = signal(false);
  let toggles: number;
  const button = () => (fixture.nativeElement as HTMLElement).querySelector('button');

  beforeEach(() => {
    toggles = 0;
    raised.set(false);
    TestBed.configureTestingModule({
      providers: [{ provide: RaiseHand, useValue: { raised, toggle: () => Promise.resolve(void toggles++) } }],
    });
    fixture = TestBed.createComponent(HandToggle);
    fixture.detectChanges();
  });

  it('offers to raise the hand, not pressed, while it is down', () => {
    expect(button()?.getAttribute('aria-label')).toBe('Raise hand');
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
  });

  it('offers to lower the hand, pressed, while it is up', () => {
    raised.set(true);
    fixture.detectChanges();
    expect(button()?.getAttribute('aria-label')).toBe('Lower hand');
    expect(button()?.getAttribute('aria-pressed')).toBe('true');
  });

  it('toggles the hand when pressed', () => {
    button()?.click();
    expect(toggles).toBe(1);
  });
});
