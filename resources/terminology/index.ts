/**
 * Terminology from the R4 definitions for token search: value set expansion for `:in` / `:not-in` and
 * code system subsumption for `:below` / `:above` (http://hl7.org/fhir/R4/search.html#token).
 */
export { expandValueSet } from './value-set-expansion';
export { allCodes, codesAbove, codesBelow } from './code-system-hierarchy';
export { codeSystemFor, valueSetFor } from './terminology-resources';
