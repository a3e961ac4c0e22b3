import { bestGrid } from './grid-layout';

describe('bestGrid', () => {
  it('gives a lone participant the whole area', () => {
    expect(bestGrid(1, 1260, 680)).toEqual({ columns: 1, rows: 1 });
  });

  it('puts two people side by side on a wide screen', () => {
    expect(bestGrid(2, 1260, 680)).toEqual({ columns: 2, rows: 1 });
  });

  it('stacks three people in one column on an upright phone', () => {
    expect(bestGrid(3, 370, 730)).toEqual({ columns: 1, rows: 3 });
  });

  it('uses two columns for eight people on an upright phone', () => {
    expect(bestGrid(8, 370, 730)).toEqual({ columns: 2, rows: 4 });
  });

  it('fits eight people in three columns on a laptop screen', () => {
    expect(bestGrid(8, 1260, 680)).toEqual({ columns: 3, rows: 3 });
  });

  it('still answers for an area not measured yet', () => {
    expect(bestGrid(4, 0, 0)).toEqual({ columns: 1, rows: 4 });
  });
});
