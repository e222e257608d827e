import { MAX_INSTANT, MIN_INSTANT } from '../index-format';
import { dateEntries } from './date-entries';

const dates = (value: unknown, type: string) => dateEntries([{ value, type }]);

describe('date index entries (R4 search.html#date)', () => {
  it('stores a date, dateTime or instant as the range its precision covers', () => {
    expect(dates('2020', 'date')).toEqual([{ lo: '2020-01-01T00:00:00.000Z', hi: '2020-12-31T23:59:59.999Z' }]);
    expect(dates('2024-01-02T10:00:00+01:00', 'dateTime')).toEqual([{ lo: '2024-01-02T09:00:00.000Z', hi: '2024-01-02T09:00:00.999Z' }]);
    expect(dates('2024-01-02T10:00:00.123Z', 'instant')).toEqual([{ lo: '2024-01-02T10:00:00.123Z', hi: '2024-01-02T10:00:00.123Z' }]);
  });

  it('stores a Period from the start of its start to the end of its end, open ends reaching the ends of time', () => {
    expect(dates({ start: '2021-03', end: '2021-04-02' }, 'Period')).toEqual([{ lo: '2021-03-01T00:00:00.000Z', hi: '2021-04-02T23:59:59.999Z' }]);
    expect(dates({ start: '2021-03-01' }, 'Period')).toEqual([{ lo: '2021-03-01T00:00:00.000Z', hi: MAX_INSTANT }]);
    expect(dates({ end: '2021-03-01' }, 'Period')).toEqual([{ lo: MIN_INSTANT, hi: '2021-03-01T23:59:59.999Z' }]);
    expect(dates({}, 'Period')).toEqual([]);
  });

  it('stores a Timing as the outer limits of its events and bounds', () => {
    const timing = { event: ['2013-03-24', '2013-01-31T08:00:00Z'], repeat: { boundsPeriod: { start: '2013-01-15', end: '2013-02-01' } } };
    expect(dates(timing, 'Timing')).toEqual([{ lo: '2013-01-15T00:00:00.000Z', hi: '2013-03-24T23:59:59.999Z' }]);
    expect(dates({ repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, 'Timing')).toEqual([]);
  });

  it('gives nothing for values of a choice that are not dates, or not valid', () => {
    expect(dates('last spring', 'string')).toEqual([]);
    expect(dates({ value: 42, unit: 'a' }, 'Age')).toEqual([]);
    expect(dates('2020-13-01', 'date')).toEqual([]);
  });
});
