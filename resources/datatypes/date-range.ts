/**
 * FHIR date, dateTime and instant values as the closed range of instants they cover, at their precision
 * (R4 datatypes.html#dateTime, search.html#date): `2020` covers all of 2020, `2020-03-04T10:00` a minute,
 * `2020-03-04T10:00:00.25Z` ten milliseconds. Instants are returned as UTC ISO strings with milliseconds, which
 * sort in time order. A value with a time but no zone is taken as UTC (a documented server convention).
 */
export type InstantRange = readonly [low: string, high: string];

const PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function parseDateRange(value: string): InstantRange | undefined {
  const m = PATTERN.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMs = zoneOffsetMs(zone);
  if (offsetMs === undefined) return undefined;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);

  // The common cases need no date arithmetic: a UTC instant to the millisecond (as this server writes them) is its
  // own range, one to the second covers that second, and a full date covers that day.
  if (year > 0 && zone === 'Z' && s !== undefined) {
    if (frac?.length === 3) return [value, value];
    if (frac === undefined) return [`${value.slice(0, 19)}.000Z`, `${value.slice(0, 19)}.999Z`];
  }
  if (year > 0 && d !== undefined && h === undefined) return [`${value}T00:00:00.000Z`, `${value}T23:59:59.999Z`];
  const start = utc(year, month - 1, day, hour, minute, second, ms);
  let next: number;
  if (mo === undefined) next = utc(year + 1, 0, 1);
  else if (d === undefined) next = utc(year, month, 1);
  else if (h === undefined) next = utc(year, month - 1, day + 1);
  else if (s === undefined) next = start + 60_000;
  else if (frac === undefined) next = start + 1000;
  else next = start + (frac.length >= 3 ? 1 : 10 ** (3 - frac.length));
  return [iso(start - offsetMs), iso(next - 1 - offsetMs)];
}

function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Date.UTC, except that years 0-99 stay themselves (Date.UTC maps them to 1900-1999). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

const FIRST_INSTANT = utc(1, 0, 1);
const LAST_INSTANT = utc(9999, 11, 31, 23, 59, 59, 999);

/** Four-digit years only, as FHIR has: instants before year 1 or after 9999 are clamped. */
function iso(ms: number): string {
  if (ms < FIRST_INSTANT) return '0001-01-01T00:00:00.000Z';
  if (ms > LAST_INSTANT) return '9999-12-31T23:59:59.999Z';
  const text = new Date(ms).toISOString();
  return text.length === 24 ? text : text.replace(/^[+-]0*(\d{4})/, '$1');
}
