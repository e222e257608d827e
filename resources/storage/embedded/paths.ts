/**
 * Values at a dotted path with MongoDB's multikey semantics: arrays met along the way are walked element by
 * element, and an array at the end contributes each of its elements. Used to build index entries and to sort.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(value: unknown, segments: string[], depth: number, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const element of value) collect(element, segments, depth, out);
    return;
  }
  if (depth === segments.length) {
    if (value !== undefined) out.push(value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  collect((value as Record<string, unknown>)[segments[depth]], segments, depth + 1, out);
}
