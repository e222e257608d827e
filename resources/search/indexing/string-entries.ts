import type { StringEntry } from '../index-format';
import { foldText } from './fold-text';
import { isObject, type TypedValue } from './indexing-context';

/**
 * string: http://hl7.org/fhir/R4/search.html#string. Each string is stored folded (for the default starts-with
 * match and `:contains`) and as written (for `:exact`). A HumanName or Address searches all its text parts.
 */
export function stringEntries(values: readonly TypedValue[]): StringEntry[] {
  const out: StringEntry[] = [];
  for (const { value, type } of values) {
    if (typeof value === 'string') push(out, value);
    else if (isObject(value)) {
      const parts = COMPLEX_PARTS[type];
      if (parts) for (const part of parts) pushAll(out, value[part]);
    }
  }
  return out;
}

/** The parts of complex types that string search covers (search.html#string: HumanName and Address). */
const COMPLEX_PARTS: Readonly<Record<string, readonly string[]>> = {
  HumanName: ['text', 'family', 'given', 'prefix', 'suffix'],
  Address: ['text', 'line', 'city', 'district', 'state', 'postalCode', 'country'],
};

function pushAll(out: StringEntry[], value: unknown): void {
  if (typeof value === 'string') push(out, value);
  else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') push(out, item);
}

function push(out: StringEntry[], value: string): void {
  const f = foldText(value);
  if (f.length > 0) out.push({ f, e: value });
}
