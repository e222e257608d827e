import { parseNumberValue } from './number-value';

describe('number search values and their implicit precision (R4 search.html#number)', () => {
  it.each([
    ['100', 100, 99.5, 100.5],
    ['100.00', 100, 99.995, 100.005],
    ['1e2', 100, 95, 105],
    ['0.1', 0.1, 0.05, 0.15],
    ['-3', -3, -3.5, -2.5],
    ['.5', 0.5, 0.45, 0.55],
  ])('%s means [%d±] = [%d, %d)', (text, value, low, high) => {
    expect(parseNumberValue(text, 'n')).toEqual({ prefix: 'eq', value, low, high });
  });

  it('takes a prefix off the value', () => {
    expect(parseNumberValue('gt5.4', 'n')).toMatchObject({ prefix: 'gt', value: 5.4 });
    expect(parseNumberValue('ap-1', 'n')).toMatchObject({ prefix: 'ap', value: -1 });
  });

  it.each(['abc', 'gt', '1,5', '5x', 'Infinity', '1e999'])('refuses %s with a 400 naming the parameter', (text) => {
    expect(() => parseNumberValue(text, 'probability')).toThrow(expect.objectContaining({ kind: 'bad-request', message: expect.stringContaining('probability') }));
  });
});
