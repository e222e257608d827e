import type { Reference } from 'fhir/r4';

/**
 * Walks every Reference in a resource: any object whose `reference` is a string (in R4 only the
 * Reference data type has that element), wherever it sits, including components, backbone elements and
 * extensions.
 */
export function forEachReference(value: unknown, visit: (reference: Reference) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) forEachReference(item, visit);
  } else if (value !== null && typeof value === 'object') {
    if (typeof (value as Reference).reference === 'string') visit(value as Reference);
    for (const child of Object.values(value)) forEachReference(child, visit);
  }
}

/** Every `reference` string in the resource, in document order. */
export function collectReferences(resource: unknown): string[] {
  const out: string[] = [];
  forEachReference(resource, (r) => out.push(r.reference as string));
  return out;
}

/** A deep copy of `resource` with each `reference` string replaced by `rewrite(reference)`. */
export function rewriteReferences<T>(resource: T, rewrite: (reference: string) => string): T {
  const copy = structuredClone(resource);
  forEachReference(copy, (r) => {
    r.reference = rewrite(r.reference as string);
  });
  return copy;
}
