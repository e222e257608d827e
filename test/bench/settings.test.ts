import { parseSettings, positiveInteger, UsageError } from './settings';

const known = ['bare-handler', 'fhir-read', 'crud-mix'];

describe('parseSettings', () => {
  it('runs every scenario for 10 s with a 2 s warm-up by default', () => {
    expect(parseSettings([], {}, known)).toEqual({ scenarios: known, durationSeconds: 10, warmupSeconds: 2 });
  });

  it('runs only the named scenarios, in table order', () => {
    expect(parseSettings(['crud-mix', 'bare-handler'], {}, known).scenarios).toEqual(['bare-handler', 'crud-mix']);
  });

  it('shortens runs with BENCH_DURATION, keeping at least a 1 s warm-up', () => {
    expect(parseSettings([], { BENCH_DURATION: '3' }, known)).toMatchObject({ durationSeconds: 3, warmupSeconds: 1 });
  });

  it('rejects unknown scenarios and durations under a second', () => {
    expect(() => parseSettings(['search'], {}, known)).toThrow(UsageError);
    expect(() => parseSettings([], { BENCH_DURATION: '0.5' }, known)).toThrow(/BENCH_DURATION/);
    expect(() => parseSettings([], { BENCH_DURATION: 'soon' }, known)).toThrow(/BENCH_DURATION/);
  });
});

describe('positiveInteger', () => {
  it('reads a positive integer, falls back when unset, and refuses anything else as a usage error', () => {
    expect(positiveInteger('3', 2, 'N')).toBe(3);
    expect(positiveInteger(undefined, 2, 'N')).toBe(2);
    expect(positiveInteger(' ', 2, 'N')).toBe(2);
    for (const bad of ['0', '-1', '1.5', 'two']) expect(() => positiveInteger(bad, 2, 'N')).toThrow(new UsageError(`N must be a positive integer, got '${bad}'`));
  });
});
