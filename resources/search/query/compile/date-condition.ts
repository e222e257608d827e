import type { Filter } from '../../../storage/port';
import type { DateValue } from '../parse/date-value';
import type { EntryCondition } from './entry-condition';

/**
 * date (R4 search.html#date, #prefix): the search value is the range [low, high] its precision covers, and so is
 * each stored value (an entry's [lo, hi]: a date, a dateTime at its precision, a Period). Each prefix compares
 * the two ranges exactly as the specification words it:
 *   eq  the search range fully contains the target range          lo >= low and hi <= high
 *   ne  it does not                                               lo < low or hi > high
 *   gt  the range above the search value intersects the target    hi > high
 *   lt  the range below the search value intersects the target    lo < low
 *   ge  gt, or eq                                                  hi > high or (lo >= low and hi <= high)
 *   le  lt, or eq                                                  lo < low or (lo >= low and hi <= high)
 *   sa  the target starts after the search range                   lo > high
 *   eb  the target ends before the search range                    hi < low
 *   ap  the ranges overlap, the search range widened by 10% of its distance from now
 * Instants are UTC strings with milliseconds on both sides, so string comparison is time order.
 */
export function dateCondition(value: DateValue, now: number): EntryCondition {
  const { low, high } = value;
  const contained = { lo: { $gte: low }, hi: { $lte: high } };
  switch (value.prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return { $or: [{ lo: { $lt: low } }, { hi: { $gt: high } }] };
    case 'gt':
      return { hi: { $gt: high } };
    case 'lt':
      return { lo: { $lt: low } };
    // The leading bound follows from either branch; it is there so an index on hi (lo) narrows the scan.
    case 'ge':
      return { hi: { $gte: low }, $or: [{ hi: { $gt: high } }, contained] };
    case 'le':
      return { lo: { $lte: high }, $or: [{ lo: { $lt: low } }, contained] };
    case 'sa':
      return { lo: { $gt: high } };
    case 'eb':
      return { hi: { $lt: low } };
    case 'ap': {
      const [wideLow, wideHigh] = approximately(value, now);
      return { lo: { $lte: wideHigh }, hi: { $gte: wideLow } };
    }
  }
}

/**
 * The same comparisons against a single instant stored in a document field (`lastUpdated`): a point is a range
 * whose ends coincide, so each prefix reduces to bounds on the one value.
 */
export function instantCondition(field: string, value: DateValue, now: number): Filter {
  const { low, high } = value;
  switch (value.prefix) {
    case 'eq':
      return { [field]: { $gte: low, $lte: high } };
    case 'ne':
      return { $or: [{ [field]: { $lt: low } }, { [field]: { $gt: high } }] };
    case 'gt':
    case 'sa':
      return { [field]: { $gt: high } };
    case 'lt':
    case 'eb':
      return { [field]: { $lt: low } };
    case 'ge':
      return { [field]: { $gte: low } };
    case 'le':
      return { [field]: { $lte: high } };
    case 'ap': {
      const [wideLow, wideHigh] = approximately(value, now);
      return { [field]: { $gte: wideLow, $lte: wideHigh } };
    }
  }
}

/** `ap`: "10% of the gap between now and the date" on each side (search.html#prefix), at least the value's own range. */
function approximately(value: DateValue, now: number): [string, string] {
  const low = Date.parse(value.low);
  const high = Date.parse(value.high);
  const gap = Math.abs(now - (low + high) / 2) * 0.1;
  return [clampedIso(low - gap), clampedIso(high + gap)];
}

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

function clampedIso(ms: number): string {
  const clamped = Math.min(Math.max(Math.round(ms), EARLIEST), LATEST);
  const text = new Date(clamped).toISOString();
  return text.length === 24 ? text : text.replace(/^[+-]0*(\d{4})/, '$1');
}
