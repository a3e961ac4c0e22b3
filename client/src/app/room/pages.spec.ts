import { pageOf } from './pages';

const people = Array.from({ length: 11 }, (_, i) => `p${i + 1}`);

describe('pageOf', () => {
  it('keeps everyone on one page when they fit', () => {
    expect(pageOf(people.slice(0, 8), 9, 0)).toEqual({ items: people.slice(0, 8), index: 0, count: 1 });
  });

  it('splits eleven people into a page of nine and a page of two', () => {
    expect(pageOf(people, 9, 0).items.length).toBe(9);
    expect(pageOf(people, 9, 1)).toEqual({ items: ['p10', 'p11'], index: 1, count: 2 });
  });

  it('falls back to the last page when the one shown no longer exists', () => {
    expect(pageOf(people.slice(0, 9), 9, 1)).toEqual({ items: people.slice(0, 9), index: 0, count: 1 });
  });

  it('never goes before the first page', () => {
    expect(pageOf(people, 9, -3).index).toBe(0);
  });

  it('has one empty page for nobody', () => {
    expect(pageOf([], 9, 0)).toEqual({ items: [], index: 0, count: 1 });
  });
});
