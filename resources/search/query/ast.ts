import type { SearchParameterInfo } from '../indexing/search-parameter-registry';
import type { DateValue } from './parse/date-value';
import type { NumberValue } from './parse/number-value';
import type { QuantityValue } from './parse/quantity-value';
import type { ReferenceValue } from './parse/reference-value';
import type { OfTypeValue, TokenValue } from './parse/token-value';

/**
 * A search as typed clauses, one per parameter occurrence: clauses are ANDed, the values inside one clause are
 * ORed (R4 search.html#combining). Every value is data here: later stages put it into filters as operands only.
 */

/** One OR alternative of a token clause, by modifier (search.html#token, #modifiers). */
export type TokenTest =
  | { kind: 'code'; value: TokenValue }
  | { kind: 'text'; text: string }
  | { kind: 'in'; valueSet: string }
  | { kind: 'hierarchy'; direction: 'above' | 'below'; value: TokenValue }
  | { kind: 'of-type'; value: OfTypeValue };

export type StringMatch = 'starts-with' | 'exact' | 'contains';

export type UriMatch = 'exact' | 'above' | 'below';

/** One OR alternative of a reference clause; `refs` also carries what a chain resolved to. */
export type ReferenceTest = ReferenceValue | { kind: 'identifier'; value: TokenValue };

/** A value of a composite parameter: one typed value per component, in SearchParameter.component order. */
export type ComponentValue =
  | { type: 'token'; test: TokenTest }
  | { type: 'string'; text: string }
  | { type: 'date'; value: DateValue }
  | { type: 'number'; value: NumberValue }
  | { type: 'quantity'; value: QuantityValue }
  | { type: 'uri'; uri: string }
  | { type: 'reference'; test: ReferenceTest };

interface Base {
  /** The parameter as the client wrote it (with modifiers), for error messages and OperationOutcome expressions. */
  name: string;
  param: SearchParameterInfo;
}

export type Clause =
  | (Base & { kind: 'missing'; missing: boolean })
  | (Base & { kind: 'string'; match: StringMatch; values: string[] })
  | (Base & { kind: 'token'; negate: boolean; tests: TokenTest[] })
  | (Base & { kind: 'date'; values: DateValue[] })
  | (Base & { kind: 'number'; values: NumberValue[] })
  | (Base & { kind: 'quantity'; values: QuantityValue[] })
  | (Base & { kind: 'uri'; match: UriMatch; values: string[] })
  | (Base & { kind: 'reference'; tests: ReferenceTest[] })
  | (Base & { kind: 'composite'; values: ComponentValue[][] })
  /** `_id`: the document's own id (search.html#id). */
  | (Base & { kind: 'id'; negate: boolean; ids: string[] })
  /** `_lastUpdated`: the document's lastUpdated instant (search.html#lastUpdated). */
  | (Base & { kind: 'last-updated'; values: DateValue[] })
  /**
   * A chain (search.html#chaining): the reference must point at a resource of one of the target types that
   * matches that type's `inner` clause (the chained parameter is bound per type: definitions differ by type).
   */
  | (Base & { kind: 'chain'; targets: { type: string; inner: Clause }[] })
  /** `_has` (search.html#has): some resource of `type` refers here through `param` and matches `inner`. */
  | (Base & { kind: 'has'; type: string; inner: Clause })
  /** What a `_has` resolved to: the ids of this type that are referred to. */
  | (Base & { kind: 'ids'; ids: string[] });

export type ClauseKind = Clause['kind'];
