import { InMemoryRoomPlacement } from './room-placement';

describe('InMemoryRoomPlacement', () => {
  let placement: InMemoryRoomPlacement;

  beforeEach(() => {
    placement = new InMemoryRoomPlacement();
  });

  it('places a room nowhere until it is assigned', async () => {
    expect(await placement.get('r1')).toBeNull();
    expect(await placement.assign('r1', 'ws://a')).toBe('ws://a');
    expect(await placement.get('r1')).toBe('ws://a');
  });

  it('keeps the first placement when a room is assigned again', async () => {
    await placement.assign('r1', 'ws://a');
    expect(await placement.assign('r1', 'ws://b')).toBe('ws://a');
  });

  it('releases a room only from the instance it is on', async () => {
    await placement.assign('r1', 'ws://a');
    await placement.release('r1', 'ws://b');
    expect(await placement.get('r1')).toBe('ws://a');
    await placement.release('r1', 'ws://a');
    expect(await placement.get('r1')).toBeNull();
    expect(placement.size).toBe(0);
  });
});
