import type { CompositeEntry, NumberEntry } from '../index-format';
import { isObject, type TypedValue } from './indexing-context';

/**
 * Location's `near` (type special, http://hl7.org/fhir/R4/location.html#positional) searches Location.position
 * by distance. Its WGS84 latitude and longitude are stored like a composite of two numbers,
 * `{ c0: [{ n: latitude }], c1: [{ n: longitude }] }`, so a bounding box compiles to ranges on `c0.n` and `c1.n`
 * of one entry (`$elemMatch`), and the exact distance is checked on the candidates.
 */
export function positionEntries(values: readonly TypedValue[]): CompositeEntry[] {
  const out: CompositeEntry[] = [];
  for (const { value } of values) {
    if (!isObject(value)) continue;
    const { latitude, longitude } = value;
    if (typeof latitude !== 'number' || typeof longitude !== 'number') continue;
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    const c0: NumberEntry[] = [{ n: latitude }];
    const c1: NumberEntry[] = [{ n: longitude }];
    out.push({ c0, c1 });
  }
  return out;
}
