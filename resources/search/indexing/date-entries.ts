import { parseDateRange } from '../../datatypes/date-range';
import { MAX_INSTANT, MIN_INSTANT, type DateEntry } from '../index-format';
import { isObject, text, type TypedValue } from './indexing-context';

/**
 * date: http://hl7.org/fhir/R4/search.html#date. Every value is the closed range of instants it covers at its
 * precision. A Period runs from its start's low to its end's high, open ends reaching the ends of time. For a
 * Timing "only the outer limits matter" (search.html#date): one range from its earliest event or bounds start to
 * its latest event or bounds end. Values that are not dates (a choice's Age, Range or string) give nothing.
 */
export function dateEntries(values: readonly TypedValue[]): DateEntry[] {
  const out: DateEntry[] = [];
  for (const { value, type } of values) {
    const entry = type === 'Period' ? fromPeriod(value) : type === 'Timing' ? fromTiming(value) : fromDate(type, value);
    if (entry) out.push(entry);
  }
  return out;
}

const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'dateTime', 'instant']);

function fromDate(type: string, value: unknown): DateEntry | undefined {
  if (!DATE_TYPES.has(type) || typeof value !== 'string') return undefined;
  const range = parseDateRange(value);
  return range && { lo: range[0], hi: range[1] };
}

function fromPeriod(period: unknown): DateEntry | undefined {
  if (!isObject(period)) return undefined;
  const start = text(period.start) === undefined ? undefined : parseDateRange(period.start as string);
  const end = text(period.end) === undefined ? undefined : parseDateRange(period.end as string);
  if (!start && !end) return undefined;
  return { lo: start ? start[0] : MIN_INSTANT, hi: end ? end[1] : MAX_INSTANT };
}

function fromTiming(timing: unknown): DateEntry | undefined {
  if (!isObject(timing)) return undefined;
  const ranges: DateEntry[] = [];
  if (Array.isArray(timing.event)) {
    for (const event of timing.event) {
      const entry = fromDate('dateTime', event);
      if (entry) ranges.push(entry);
    }
  }
  const bounds = isObject(timing.repeat) ? fromPeriod(timing.repeat.boundsPeriod) : undefined;
  if (bounds) ranges.push(bounds);
  if (ranges.length === 0) return undefined;
  let { lo, hi } = ranges[0];
  for (const r of ranges) {
    if (r.lo < lo) lo = r.lo;
    if (r.hi > hi) hi = r.hi;
  }
  return { lo, hi };
}
