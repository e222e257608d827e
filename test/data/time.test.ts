import { formatDate, formatDateTime, formatInstant, offsetAt } from './time';

const EASTERN = { standardOffset: -300, observesDst: true };
const ARIZONA = { standardOffset: -420, observesDst: false };

describe('time formatting', () => {
  it('writes local time with the standard offset in winter and the daylight one in summer', () => {
    expect(formatDateTime(Date.UTC(2020, 0, 15, 15, 30, 5), EASTERN)).toBe('2020-01-15T10:30:05-05:00');
    expect(formatDateTime(Date.UTC(2020, 6, 15, 15, 30, 5), EASTERN)).toBe('2020-07-15T11:30:05-04:00');
  });

  it('switches on the US dates: second Sunday of March, first Sunday of November', () => {
    expect(offsetAt(Date.UTC(2021, 2, 14, 6, 59), EASTERN)).toBe(-300);
    expect(offsetAt(Date.UTC(2021, 2, 14, 7, 0), EASTERN)).toBe(-240);
    expect(offsetAt(Date.UTC(2021, 10, 7, 5, 59), EASTERN)).toBe(-240);
    expect(offsetAt(Date.UTC(2021, 10, 7, 6, 0), EASTERN)).toBe(-300);
  });

  it('keeps one offset all year where daylight saving is not observed', () => {
    expect(formatDateTime(Date.UTC(2020, 6, 1, 12), ARIZONA)).toBe('2020-07-01T05:00:00-07:00');
  });

  it('writes instants in UTC to the second and dates as the UTC day', () => {
    expect(formatInstant(Date.UTC(2019, 1, 28, 23, 59, 59, 750))).toBe('2019-02-28T23:59:59Z');
    expect(formatDate(Date.UTC(2019, 1, 28, 23, 59))).toBe('2019-02-28');
  });
});
