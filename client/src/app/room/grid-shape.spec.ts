import { gridShapes } from './grid-shape';

describe('gridShapes', () => {
  it('gives a lone participant the whole screen', () => {
    expect(gridShapes(1)).toEqual({ wide: { columns: 1, rows: 1 }, tall: { columns: 1, rows: 1 } });
  });

  it('puts two people side by side on a wide screen and stacked on a tall one', () => {
    expect(gridShapes(2)).toEqual({ wide: { columns: 2, rows: 1 }, tall: { columns: 1, rows: 2 } });
  });

  it('fits eight people in three columns wide and two columns tall', () => {
    expect(gridShapes(8)).toEqual({ wide: { columns: 3, rows: 3 }, tall: { columns: 2, rows: 4 } });
  });
});
