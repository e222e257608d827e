import type { NumberEntry } from '../index-format';
import { isObject, type TypedValue } from './indexing-context';

/**
 * number: http://hl7.org/fhir/R4/search.html#number. decimal, integer and their kin give their value; a Range
 * (RiskAssessment's probability may be one) gives its low and high values, the closest the contract's single
 * value per entry comes to the range.
 */
export function numberEntries(values: readonly TypedValue[]): NumberEntry[] {
  const out: NumberEntry[] = [];
  for (const { value, type } of values) {
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ n: value });
    else if (type === 'Range' && isObject(value)) {
      for (const bound of [value.low, value.high]) {
        if (isObject(bound) && typeof bound.value === 'number' && Number.isFinite(bound.value)) out.push({ n: bound.value });
      }
    }
  }
  return out;
}
