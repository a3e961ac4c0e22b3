import { parseRoomInput } from './room-link';

describe('parseRoomInput', () => {
  it('accepts a bare meeting code', () => {
    expect(parseRoomInput('k7tpw-q3mzr-9xa2b-ncd4e')).toBe('k7tpw-q3mzr-9xa2b-ncd4e' as never);
  });

  it('trims spaces around a code', () => {
    expect(parseRoomInput('  team_standup \n')).toBe('team_standup' as never);
  });

  it('takes the code from a full meeting link', () => {
    expect(parseRoomInput('https://meet.example.org/r/k7tpw-q3mzr-9xa2b-ncd4e')).toBe('k7tpw-q3mzr-9xa2b-ncd4e' as never);
  });

  it('takes the code from a link with a query and fragment', () => {
    expect(parseRoomInput('https://meet.example.org/r/abc-def?x=1#top')).toBe('abc-def' as never);
  });

  it('takes the code from a link pasted without its scheme', () => {
    expect(parseRoomInput('meet.example.org/r/abc-def/')).toBe('abc-def' as never);
  });

  it('takes the code from a bare path', () => {
    expect(parseRoomInput('/r/abc-def')).toBe('abc-def' as never);
  });

  it('rejects a code with characters room ids cannot contain', () => {
    expect(parseRoomInput('hello world!')).toBeNull();
  });

  it('rejects a link that names no room', () => {
    expect(parseRoomInput('https://meet.example.org/about')).toBeNull();
  });

  it('rejects empty input', () => {
    expect(parseRoomInput('   ')).toBeNull();
  });
});
