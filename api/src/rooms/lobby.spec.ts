import type { RoomId } from '@parley/protocol';
import { DomainError } from '../errors';
import { Lobby, type Knock } from './lobby';

describe('Lobby', () => {
  const room = 'abcd-efgh-jkmn' as RoomId;
  const other = 'pqrs-tuvw-xyzq' as RoomId;
  const nobody = () => undefined;
  let lapsed: Knock[];
  let lobby: Lobby;

  beforeEach(() => {
    lapsed = [];
    lobby = new Lobby((knock) => lapsed.push(knock), 30, 2);
  });

  afterEach(() => lobby.clear());

  it('lets a knock lapse unanswered after its time, once, and forgets it', async () => {
    const knock = lobby.add(room, 'Kim', nobody);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(lapsed).toEqual([knock]);
    expect(lobby.pending(room)).toEqual([]);
  });

  it('does not lapse a knock that was answered first', async () => {
    const knock = lobby.add(room, 'Kim', nobody);
    expect(lobby.take(room, knock.requestId)).toBe(knock);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(lapsed).toEqual([]);
  });

  it('refuses a knock past the room cap with lobby.full, while other rooms still take knocks', () => {
    lobby.add(room, 'A', nobody);
    lobby.add(room, 'B', nobody);
    expect(() => lobby.add(room, 'C', nobody)).toThrowMatching((error: unknown) => error instanceof DomainError && error.code === 'lobby.full');
    expect(lobby.add(other, 'D', nobody).name).toBe('D');
  });

  it('keeps the name knocked with, which the admission carries', () => {
    expect(lobby.add(room, 'Kim', nobody).name).toBe('Kim');
    expect(lobby.pending(room).map((knock) => knock.name)).toEqual(['Kim']);
  });
});
