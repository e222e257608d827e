import type { ReferenceEntry } from '../index-format';
import { isObject, text, type IndexingContext, type TypedValue } from './indexing-context';
import { parseLiteralReference } from './literal-reference';

/**
 * reference: http://hl7.org/fhir/R4/search.html#reference. A literal reference to this server (relative `Type/id`,
 * or absolute under its FHIR base; any `_history` dropped) is stored as `Type/id`; any other URL (and every
 * canonical, with `|version` split off) as the URL; a logical reference as its identifier (for `:identifier`).
 *
 * A reference to a contained resource (`#p1`) is not indexed: it names no resource a search could return
 * (R4 search.html#contained), so `subject=...` never matches it and `subject:missing=true` does.
 */
export function referenceEntries(values: readonly TypedValue[], context: IndexingContext): ReferenceEntry[] {
  const out: ReferenceEntry[] = [];
  for (const { value, type } of values) {
    let entry: ReferenceEntry | undefined;
    if (type === 'Reference') entry = fromReference(value, context);
    else if (type === 'canonical') entry = typeof value === 'string' ? fromCanonical(value, context) : undefined;
    else if (type === 'uri' || type === 'url' || type === 'string') entry = typeof value === 'string' ? fromUrl(value, context) : undefined;
    else if (isObject(value) && typeof value.resourceType === 'string') entry = fromInlineResource(value.resourceType, value.id);
    if (entry) out.push(entry);
  }
  return out;
}

function fromReference(value: unknown, context: IndexingContext): ReferenceEntry | undefined {
  if (!isObject(value)) return undefined;
  const reference = text(value.reference);
  const entry: ReferenceEntry = reference !== undefined && !reference.startsWith('#') ? fromUrl(reference, context) : {};
  if (isObject(value.identifier)) {
    const is = text(value.identifier.system);
    const iv = text(value.identifier.value);
    if (is !== undefined) entry.is = is;
    if (iv !== undefined) entry.iv = iv;
  }
  return Object.keys(entry).length > 0 ? entry : undefined;
}

/** `url|version`: http://hl7.org/fhir/R4/references.html#canonical */
function fromCanonical(value: string, context: IndexingContext): ReferenceEntry | undefined {
  const bar = value.indexOf('|');
  if (bar < 0) return fromUrl(value, context);
  const entry = fromUrl(value.slice(0, bar), context);
  const version = value.slice(bar + 1);
  if (entry && version.length > 0) entry.v = version;
  return entry;
}

function fromUrl(url: string, context: IndexingContext): ReferenceEntry {
  const local = localReference(url, context.fhirBase);
  if (local) return { r: `${local.type}/${local.id}`, t: local.type, id: local.id };
  return { u: url };
}

function localReference(url: string, fhirBase: string): { type: string; id: string } | undefined {
  const literal = parseLiteralReference(url);
  if (!literal) return undefined;
  if (literal.base === undefined || literal.base === fhirBase) return literal;
  return undefined;
}

/**
 * `Bundle.entry[0].resource` (Bundle's `composition` and `message`) selects a resource, not a reference to one; it
 * is indexed as if it referred to that resource by type and id, which chains such as `composition.subject` follow.
 */
function fromInlineResource(type: string, id: unknown): ReferenceEntry | undefined {
  const resourceId = text(id);
  return resourceId === undefined ? undefined : { r: `${type}/${resourceId}`, t: type, id: resourceId };
}
