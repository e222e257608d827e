import { canonicalUcum } from '../../../datatypes/ucum-canonical';
import { foldText } from '../../indexing/fold-text';
import { UCUM_SYSTEM } from '../../indexing/quantity-entries';
import type { QuantityValue } from '../parse/quantity-value';
import type { EntryCondition } from './entry-condition';
import { numberBounds, numberCondition } from './number-condition';

/**
 * quantity (R4 search.html#quantity). A UCUM value the library converts is compared in canonical units (`cv`,
 * `cc`), so `5.4|http://unitsofmeasure.org|mg` finds `0.0054 g`; its implicit range is converted end by end.
 * Any other system compares value, system and code as stored; `number||code` matches the code or the unit in any
 * system; a bare number matches any unit.
 */
export function quantityCondition(value: QuantityValue): EntryCondition {
  const { number, system, code } = value;
  if (system === UCUM_SYSTEM && code !== undefined) {
    const canonical = canonicalUcum(number.value, code);
    const low = canonicalUcum(number.low, code);
    const high = canonicalUcum(number.high, code);
    if (canonical && low && high) {
      // Special units (pH, decibels) may convert decreasingly; the range keeps its low end first.
      const [from, to] = low.value <= high.value ? [low.value, high.value] : [high.value, low.value];
      const bounds = numberBounds({ prefix: number.prefix, value: canonical.value, low: from, high: to });
      return { cc: canonical.code, ...numberCondition('cv', bounds) };
    }
  }
  const condition: EntryCondition = numberCondition('v', numberBounds(number));
  if (system !== undefined) {
    condition.s = system;
    condition.c = code;
    return condition;
  }
  if (code === undefined) return condition;
  // `number||code`: the unit code in any system, or the human-readable unit (stored folded).
  const unit = { $or: [{ c: code }, { u: foldText(code) }] };
  return '$or' in condition ? { $and: [condition, unit] } : { ...condition, ...unit };
}
