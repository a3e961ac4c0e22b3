import { initialsOf } from './initials';

describe('initialsOf', () => {
  it('takes the first letters of the first and last names', () => {
    expect(initialsOf('Ada King Lovelace')).toBe('AL');
  });

  it('takes one letter from a single name, upper-cased', () => {
    expect(initialsOf('grace')).toBe('G');
  });

  it('falls back to a question mark for an empty name', () => {
    expect(initialsOf('  ')).toBe('?');
  });
});
