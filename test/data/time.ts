/**
 * Clinical timestamps. FHIR `dateTime` values that carry a time must carry a zone
 * (https://hl7.org/fhir/R4/datatypes.html#dateTime), so each patient lives in a US time zone and times are
 * written in local time with that zone's offset, daylight saving included; `instant`s are written in UTC.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Clinical activity in generated data falls in this window: 2015 through October 2026. */
export const DATA_START = Date.UTC(2015, 0, 1);
export const DATA_END = Date.UTC(2026, 10, 1);

export interface TimeZone {
  /** Offset from UTC in minutes outside daylight saving time (e.g. -300 for US Eastern). */
  standardOffset: number;
  observesDst: boolean;
}

/** Whole seconds keep generated values tidy and round-trippable through every date parser. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** A `date` (YYYY-MM-DD) for the UTC calendar day containing `ms`. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An `instant`: UTC, seconds precision. */
export function formatInstant(ms: number): string {
  return new Date(wholeSeconds(ms)).toISOString().replace('.000Z', 'Z');
}

/** A `dateTime` in the zone's local time, with its offset (`2019-03-14T09:26:53-04:00`). */
export function formatDateTime(ms: number, zone: TimeZone): string {
  const offset = offsetAt(ms, zone);
  const local = new Date(wholeSeconds(ms) + offset * MINUTE).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** US rule since 2007: from the second Sunday of March, 02:00 local, to the first Sunday of November, 02:00 local. */
export function offsetAt(ms: number, zone: TimeZone): number {
  if (!zone.observesDst) return zone.standardOffset;
  const localStandard = ms + zone.standardOffset * MINUTE;
  const year = new Date(localStandard).getUTCFullYear();
  const start = nthSunday(year, 2, 2) + 2 * HOUR;
  const end = nthSunday(year, 10, 1) + 1 * HOUR;
  const inDst = localStandard >= start && localStandard < end;
  return inDst ? zone.standardOffset + 60 : zone.standardOffset;
}

function nthSunday(year: number, month: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const firstSunday = 1 + ((7 - firstWeekday) % 7);
  return Date.UTC(year, month, firstSunday + 7 * (n - 1));
}
