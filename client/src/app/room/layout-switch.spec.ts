import { ComponentFixture, TestBed } from '@angular/core/testing';
import { LayoutPreference } from './layout-preference';
import { LayoutSwitch } from './layout-switch';

describe('LayoutSwitch', () => {
  let fixture: ComponentFixture<LayoutSwitch>;
  const button = (name: string) => (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

  beforeEach(() => {
    localStorage.removeItem('parley.layout');
    fixture = TestBed.createComponent(LayoutSwitch);
    fixture.detectChanges();
  });

  afterEach(() => localStorage.removeItem('parley.layout'));

  it('is a group named Layout with a named button per layout, the grid pressed', () => {
    const host = fixture.nativeElement as HTMLElement;
    expect(host.getAttribute('role')).toBe('group');
    expect(host.getAttribute('aria-label')).toBe('Layout');
    expect(button('Grid layout')?.getAttribute('aria-pressed')).toBe('true');
    expect(button('Speaker layout')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('switches to the speaker layout and remembers it', () => {
    button('Speaker layout')?.click();
    fixture.detectChanges();
    expect(TestBed.inject(LayoutPreference).layout()).toBe('speaker');
    expect(button('Speaker layout')?.getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('parley.layout')).toBe('speaker');
  });
});
