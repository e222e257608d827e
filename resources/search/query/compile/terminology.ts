import { codesAbove, codesBelow, expandValueSet } from '../../../terminology';

/**
 * What token search needs from terminology (R4 search.html#token): the `system|code` pairs of a value set for
 * `:in` and `:not-in`, and the codes of one system a code subsumes or is subsumed by (itself included) for
 * `:below` and `:above`. Each answers undefined when it does not know the value set, code system or code.
 */
export interface Terminology {
  expandValueSet(url: string): ReadonlySet<string> | undefined;
  codesBelow(system: string, code: string): ReadonlySet<string> | undefined;
  codesAbove(system: string, code: string): ReadonlySet<string> | undefined;
}

/** The terminology of the R4 definitions (resources/terminology). */
export const r4Terminology: Terminology = { expandValueSet, codesBelow, codesAbove };
