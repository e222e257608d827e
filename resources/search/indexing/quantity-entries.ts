import { canonicalUcum } from '../../datatypes/ucum-canonical';
import type { QuantityEntry } from '../index-format';
import { foldText } from './fold-text';
import { isObject, text, type Json, type TypedValue } from './indexing-context';

/**
 * quantity: http://hl7.org/fhir/R4/search.html#quantity. A Quantity (and Age, Duration, Count, Distance) gives
 * value, system, code and folded unit, plus the canonical UCUM value and code when it is a UCUM quantity the
 * library converts. Money gives its value with the ISO 4217 currency as code. A Range gives its low and high
 * quantities, the closest the contract's single value per entry comes to the range. SampledData is a series
 * without one value, and gives nothing.
 */
export function quantityEntries(values: readonly TypedValue[]): QuantityEntry[] {
  const out: QuantityEntry[] = [];
  for (const { value, type } of values) {
    if (!isObject(value)) continue;
    if (type === 'Money') pushMoney(out, value);
    else if (type === 'Range') {
      if (isObject(value.low)) pushQuantity(out, value.low);
      if (isObject(value.high)) pushQuantity(out, value.high);
    } else if (type !== 'SampledData') pushQuantity(out, value);
  }
  return out;
}

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** The system of Money.currency codes: http://hl7.org/fhir/R4/datatypes.html#Money */
export const CURRENCY_SYSTEM = 'urn:iso:std:iso:4217';

function pushQuantity(out: QuantityEntry[], quantity: Json): void {
  const v = quantity.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) return;
  const entry: QuantityEntry = { v };
  const s = text(quantity.system);
  const c = text(quantity.code);
  const unit = text(quantity.unit);
  if (s !== undefined) entry.s = s;
  if (c !== undefined) entry.c = c;
  if (unit !== undefined) {
    const u = foldText(unit);
    if (u.length > 0) entry.u = u;
  }
  if (s === UCUM_SYSTEM && c !== undefined) {
    const canonical = canonicalUcum(v, c);
    if (canonical) {
      entry.cv = canonical.value;
      entry.cc = canonical.code;
    }
  }
  out.push(entry);
}

function pushMoney(out: QuantityEntry[], money: Json): void {
  const v = money.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) return;
  const currency = text(money.currency);
  out.push(currency === undefined ? { v } : { v, s: CURRENCY_SYSTEM, c: currency });
}
