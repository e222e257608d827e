/**
 * The search index values stored with every resource (ResourceDocument.sp), keyed by search parameter code
 * (`name`, `birthdate`, `code`, `subject`, `_tag`, `code-value-quantity`, ...). This file is the contract
 * between write-time extraction (resources/search/indexing) and query compilation (resources/search/query):
 * both adapters evaluate filters over exactly these fields.
 *
 * Rules common to every type:
 * - `sp[code]` is present only when the parameter has at least one value, so `:missing=true` compiles to
 *   `{ 'sp.<code>': { $exists: false } }`.
 * - Every value is an object (never a bare scalar), so one element's fields can be matched together with
 *   `$elemMatch` and indexes address sub-fields (`sp.code.c`, `sp.subject.r`, ...).
 * - Absent parts are left out, never stored as null or empty strings.
 * - Strings that search folds (string parameters, `:text`) are "folded": Unicode NFD, combining marks removed,
 *   lower-cased, runs of white space collapsed to one space, trimmed. `Zoë  MÜLLER` -> `zoe muller`.
 * - `_id` and `_lastUpdated` are not in `sp`: they compile to the document's `_id` and `lastUpdated`.
 */

/** string: one entry per string value, incl. each part of HumanName (family, given, prefix, suffix, text) and Address (line, city, district, state, postalCode, country, text). */
export interface StringEntry {
  /** folded, for the default starts-with match and `:contains` */
  f: string;
  /** exactly as written, for `:exact` */
  e: string;
}

/**
 * token: one entry per Coding, Identifier, ContactPoint, code, boolean, string or uri value.
 * Coding: s = system, c = code, t = folded display. CodeableConcept: its codings, plus `{ t }` for its text.
 * Identifier: s = system, c = value, ot = `typeSystem|typeCode` of each type coding (for `:of-type`), t = folded type.text.
 * ContactPoint: s = system (phone, email, ...), c = value. boolean: c = 'true' | 'false'. code / string / uri / id: c = the value.
 */
export interface TokenEntry {
  s?: string;
  c?: string;
  /** `${s}|${c}`, present when both are; the indexed key for `system|code` and `:in` lookups. */
  sc?: string;
  t?: string;
  ot?: string[];
}

/**
 * reference: one entry per Reference (or canonical / uri used as a reference).
 * A literal reference to a resource on this server (relative `Type/id`, or absolute under this server's FHIR
 * base) gives r = `Type/id` (no `_history`), t = Type, id = id. Any other absolute URL (or a canonical, with any
 * `|version` split off into v) gives u = the URL. A logical reference gives is/iv = identifier system/value.
 */
export interface ReferenceEntry {
  r?: string;
  t?: string;
  id?: string;
  u?: string;
  v?: string;
  is?: string;
  iv?: string;
}

/**
 * date: one entry per date, dateTime, instant, Period or Timing event, as the closed range of instants it
 * covers, at its precision: `2020` -> lo `2020-01-01T00:00:00.000Z`, hi `2020-12-31T23:59:59.999Z`. Always UTC
 * with milliseconds, so strings compare in time order. A value without a time zone is taken as UTC. An open
 * Period end is `9999-12-31T23:59:59.999Z`, an open start `0001-01-01T00:00:00.000Z`.
 */
export interface DateEntry {
  lo: string;
  hi: string;
}

/** number: the value; the query side turns the search value's precision into a range. */
export interface NumberEntry {
  n: number;
}

/**
 * quantity: v = value, s = system, c = code, u = folded unit; for UCUM quantities that convert, cv / cc = the
 * value and code in canonical UCUM units (so `5.4|http://unitsofmeasure.org|mg` finds `0.0054 g`).
 */
export interface QuantityEntry {
  v: number;
  s?: string;
  c?: string;
  u?: string;
  cv?: number;
  cc?: string;
}

/** uri: the value, exactly. */
export interface UriEntry {
  u: string;
}

/**
 * composite: one entry per element the composite's expression selects, holding each component's entries
 * for that same element under `c0`, `c1`, ... in the order of SearchParameter.component.
 */
export interface CompositeEntry {
  [component: `c${number}`]: IndexEntry[];
}

export type IndexEntry = StringEntry | TokenEntry | ReferenceEntry | DateEntry | NumberEntry | QuantityEntry | UriEntry | CompositeEntry;

export type SearchIndexValues = Record<string, IndexEntry[]>;

export const MIN_INSTANT = '0001-01-01T00:00:00.000Z';
export const MAX_INSTANT = '9999-12-31T23:59:59.999Z';
