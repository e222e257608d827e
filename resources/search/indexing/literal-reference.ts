/**
 * Literal references: `Type/id`, optionally `/_history/vid`, relative or under an absolute service base.
 * http://hl7.org/fhir/R4/references.html#literal
 */
export interface LiteralReference {
  /** The service base of an absolute reference (`http://example.org/fhir`), undefined for a relative one. */
  readonly base: string | undefined;
  readonly type: string;
  readonly id: string;
}

const LITERAL = /^(?:(.+)\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export function parseLiteralReference(reference: string): LiteralReference | undefined {
  const m = LITERAL.exec(reference);
  if (!m) return undefined;
  const base = m[1];
  // A relative reference is exactly `Type/id`; anything before it must be an absolute URL's service base.
  if (base !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(base)) return undefined;
  return { base, type: m[2], id: m[3] };
}

/**
 * The resource type a Reference (or a canonical / uri used as one) points at, as FHIRPath's `resolve() is T` would
 * find it, without fetching anything: the type in the literal reference, a contained resource's own type, or else
 * Reference.type. http://hl7.org/fhir/R4/fhirpath.html#functions
 */
export function referencedType(value: unknown, root: Record<string, unknown>): string | undefined {
  if (typeof value === 'string') return parseLiteralReference(withoutVersion(value))?.type;
  if (typeof value !== 'object' || value === null) return undefined;
  const { reference, type } = value as { reference?: unknown; type?: unknown };
  if (typeof reference === 'string') {
    if (reference.startsWith('#')) return containedType(root, reference.slice(1));
    const literal = parseLiteralReference(reference);
    if (literal) return literal.type;
  }
  return typeof type === 'string' ? type : undefined;
}

/** A canonical's `|version` suffix removed: http://hl7.org/fhir/R4/references.html#canonical */
export function withoutVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}

function containedType(root: Record<string, unknown>, id: string): string | undefined {
  const contained = root.contained;
  if (!Array.isArray(contained)) return undefined;
  for (const r of contained as { id?: unknown; resourceType?: unknown }[]) {
    if (r && r.id === id && typeof r.resourceType === 'string') return r.resourceType;
  }
  return undefined;
}
