import type { IndexEntry } from '../index-format';
import type { Json, TypedValue } from './typed-value';

export { isObject, type Json, type TypedValue } from './typed-value';

/** What normalization needs besides the values: this server's FHIR base (for local references) and the resource. */
export interface IndexingContext {
  /** Without a trailing slash: `http://localhost:8080/fhir`. */
  readonly fhirBase: string;
  readonly resource: Json;
}

/** Turns the typed values a parameter's expression selects into index entries of the parameter's type. */
export type Normalizer = (values: readonly TypedValue[], context: IndexingContext) => IndexEntry[];

/** A non-empty string, or undefined: absent parts are left out of index entries (index-format.ts). */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
