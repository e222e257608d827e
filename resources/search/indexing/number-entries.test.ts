import { numberEntries } from './number-entries';

describe('number index entries (R4 search.html#number)', () => {
  it('stores numbers, and a Range as its low and high values', () => {
    const values = [
      { value: 0.37, type: 'decimal' },
      { value: 12, type: 'integer' },
      { value: { low: { value: 0.1 }, high: { value: 0.2 } }, type: 'Range' },
    ];
    expect(numberEntries(values)).toEqual([{ n: 0.37 }, { n: 12 }, { n: 0.1 }, { n: 0.2 }]);
  });

  it('gives nothing for values that are not finite numbers', () => {
    expect(numberEntries([{ value: '12', type: 'string' }, { value: { low: {} }, type: 'Range' }])).toEqual([]);
  });
});
