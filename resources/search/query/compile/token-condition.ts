import { badRequest } from '../../../errors/fhir-error';
import { foldText } from '../../indexing/fold-text';
import type { TokenTest } from '../ast';
import type { TokenValue } from '../parse/token-value';
import { escapeRegex } from './regex';
import type { EntryCondition } from './entry-condition';
import type { Terminology } from './terminology';

/**
 * token (R4 search.html#token) on one token entry (s = system, c = code, sc = `system|code`, t = folded text,
 * ot = identifier types). `:not` and `:not-in` are the negation of the whole clause, applied by the caller.
 */
export function tokenCondition(test: TokenTest, name: string, terminology: Terminology): EntryCondition {
  switch (test.kind) {
    case 'code':
      return codeCondition(test.value);
    case 'text':
      // A word of the display or text starting with the search text (folded, like string search).
      return { t: { $regex: `(?:^| )${escapeRegex(foldText(test.text))}` } };
    case 'in': {
      const codes = terminology.expandValueSet(test.valueSet);
      if (!codes) throw badRequest(`The value set '${test.valueSet}' is not known to this server (parameter ${name})`, name, 'not-found');
      return inCodes(codes);
    }
    case 'hierarchy':
      return inCodes(hierarchy(test.direction, test.value, name, terminology));
    case 'of-type':
      return { ot: `${test.value.typeSystem}|${test.value.typeCode}`, c: test.value.value };
  }
}

/** `code`, `system|code`, `|code` (no system) and `system|` (any code of the system). */
export function codeCondition(value: TokenValue): EntryCondition {
  const { system, code } = value;
  if (system === undefined) return { c: code };
  if (system === '') return { c: code, s: { $exists: false } };
  if (code === undefined) return { s: system };
  // The store indexes `c` (index-specs.ts); the system is checked on the same entry.
  return { c: code, s: system };
}

/**
 * One of a set of `system|code` pairs: the codes narrow through the index on `c`, the pairs decide. A `code`
 * element (Observation.status) is stored without a system, which its binding implies: its code alone decides.
 */
function inCodes(pairs: ReadonlySet<string>): EntryCondition {
  const codes = new Set<string>();
  for (const pair of pairs) codes.add(pair.slice(pair.indexOf('|') + 1));
  return { c: { $in: [...codes] }, $or: [{ sc: { $in: [...pairs] } }, { s: { $exists: false } }] };
}

/**
 * `:below` (the code and every code it subsumes) and `:above` (the code and every code subsuming it), as
 * `system|code` pairs. A code system the server holds no hierarchy for still has the code itself, which is the
 * one certain member of either set.
 */
function hierarchy(direction: 'above' | 'below', value: TokenValue, name: string, terminology: Terminology): ReadonlySet<string> {
  const { system, code } = value;
  if (!system || code === undefined) throw badRequest(`${name} needs system|code: subsumption is defined within a code system`, name);
  const related = direction === 'below' ? terminology.codesBelow(system, code) : terminology.codesAbove(system, code);
  return new Set([code, ...(related ?? [])].map((c) => `${system}|${c}`));
}
