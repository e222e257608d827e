/** A JSON object of a resource or one of its elements. */
export type Json = Record<string, unknown>;

/** A value found in a resource with its FHIR type (`CodeableConcept`, `dateTime`, `Patient`, `Observation.component`). */
export interface TypedValue {
  readonly value: unknown;
  readonly type: string;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
