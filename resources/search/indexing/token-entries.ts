import type { TokenEntry } from '../index-format';
import { foldText } from './fold-text';
import { isObject, text, type TypedValue } from './indexing-context';

/**
 * token: http://hl7.org/fhir/R4/search.html#token. Coding and CodeableConcept give system and code (and folded
 * display / text for `:text`), Identifier its system and value (and its type for `:of-type`), ContactPoint its
 * system and value, and primitives (code, boolean, string, uri, id) their value as the code.
 */
export function tokenEntries(values: readonly TypedValue[]): TokenEntry[] {
  const out: TokenEntry[] = [];
  for (const { value, type } of values) {
    switch (type) {
      case 'Coding':
        pushCoding(out, value);
        break;
      case 'CodeableConcept':
        pushConcept(out, value);
        break;
      case 'Identifier':
        pushIdentifier(out, value);
        break;
      case 'ContactPoint':
        if (isObject(value)) pushToken(out, text(value.system), text(value.value));
        break;
      case 'boolean':
        if (typeof value === 'boolean') out.push({ c: String(value) });
        break;
      default:
        if (typeof value === 'string' && value.length > 0) out.push({ c: value });
    }
  }
  return out;
}

function pushToken(out: TokenEntry[], s: string | undefined, c: string | undefined, t?: string): TokenEntry | undefined {
  if (s === undefined && c === undefined && t === undefined) return undefined;
  const entry: TokenEntry = {};
  if (s !== undefined) entry.s = s;
  if (c !== undefined) entry.c = c;
  if (s !== undefined && c !== undefined) entry.sc = `${s}|${c}`;
  if (t !== undefined) entry.t = t;
  out.push(entry);
  return entry;
}

function folded(value: unknown): string | undefined {
  const raw = text(value);
  const f = raw === undefined ? undefined : foldText(raw);
  return f ? f : undefined;
}

function pushCoding(out: TokenEntry[], coding: unknown): void {
  if (isObject(coding)) pushToken(out, text(coding.system), text(coding.code), folded(coding.display));
}

function pushConcept(out: TokenEntry[], concept: unknown): void {
  if (!isObject(concept)) return;
  if (Array.isArray(concept.coding)) for (const coding of concept.coding) pushCoding(out, coding);
  const t = folded(concept.text);
  if (t !== undefined) out.push({ t });
}

function pushIdentifier(out: TokenEntry[], identifier: unknown): void {
  if (!isObject(identifier)) return;
  const type = isObject(identifier.type) ? identifier.type : undefined;
  const entry = pushToken(out, text(identifier.system), text(identifier.value), folded(type?.text));
  if (!entry || !type || !Array.isArray(type.coding)) return;
  const ofType: string[] = [];
  for (const coding of type.coding) {
    if (!isObject(coding)) continue;
    const s = text(coding.system);
    const c = text(coding.code);
    if (s !== undefined && c !== undefined) ofType.push(`${s}|${c}`);
  }
  if (ofType.length > 0) entry.ot = ofType;
}
