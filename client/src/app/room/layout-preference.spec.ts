import { TestBed } from '@angular/core/testing';
import { LayoutPreference } from './layout-preference';

describe('LayoutPreference', () => {
  beforeEach(() => localStorage.removeItem('parley.layout'));
  afterEach(() => localStorage.removeItem('parley.layout'));

  it('starts with the grid', () => {
    expect(TestBed.inject(LayoutPreference).layout()).toBe('grid');
  });

  it('remembers the chosen layout for the next page', () => {
    TestBed.inject(LayoutPreference).choose('speaker');
    expect(localStorage.getItem('parley.layout')).toBe('speaker');
    TestBed.resetTestingModule();
    expect(TestBed.inject(LayoutPreference).layout()).toBe('speaker');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem('parley.layout', 'mosaic');
    expect(TestBed.inject(LayoutPreference).layout()).toBe('grid');
  });
});
