import type { Binary } from 'fhir/r4';
import { badRequest } from '../errors/fhir-error';
import type { PatchBody } from '../patch/apply-patch';
import { rewriteLinks, type LinkCandidate, type LinkMapper } from './reference-rewriter';

const JSON_PATCH = 'application/json-patch+json';

/**
 * The patch of a PATCH entry (R4 http.html#patch, "Patch using a transaction"): a JSON Patch travels as a Binary
 * whose contentType is application/json-patch+json and whose data is the base64 of the patch document; a FHIRPath
 * Patch is the Parameters resource itself.
 */
export function patchOfEntry(resource: unknown, expression: string): PatchBody {
  const type = resource !== null && typeof resource === 'object' ? (resource as { resourceType?: unknown }).resourceType : undefined;
  if (type === 'Parameters') return { format: 'fhirpath-patch', body: resource };
  if (type !== 'Binary') throw badRequest('A PATCH entry carries a Binary (JSON Patch) or a Parameters resource (FHIRPath Patch)', expression);
  const binary = resource as Binary;
  if (binary.contentType?.split(';')[0].trim().toLowerCase() !== JSON_PATCH) {
    throw badRequest(`A PATCH entry's Binary must have contentType ${JSON_PATCH}, not '${binary.contentType ?? ''}'`, `${expression}.contentType`);
  }
  if (typeof binary.data !== 'string' || binary.data === '') throw badRequest("A PATCH entry's Binary needs the patch in data (base64)", `${expression}.data`);
  try {
    return { format: 'json-patch', body: JSON.parse(Buffer.from(binary.data, 'base64').toString('utf8')) };
  } catch {
    throw badRequest("A PATCH entry's Binary data is not the base64 of a JSON Patch document", `${expression}.data`);
  }
}

/**
 * The patch with the bundle's links rewritten in the values it writes. A FHIRPath Patch is typed (its values are
 * `valueReference` and the like), so it is walked like any resource; a JSON Patch's values are untyped JSON, so
 * any string in them that `map` knows as a fullUrl is taken for a link.
 */
export function rewritePatchLinks(patch: PatchBody, map: LinkMapper, candidate?: LinkCandidate): PatchBody {
  if (patch.format === 'fhirpath-patch') return { format: patch.format, body: rewriteLinks(patch.body, map, candidate) };
  if (!Array.isArray(patch.body)) return patch;
  let changed = false;
  const body = patch.body.map((op: unknown, i: number) => {
    if (op === null || typeof op !== 'object' || !('value' in op)) return op;
    const value = mapStrings((op as { value: unknown }).value, (s) => map(s, 'reference', `/${i}/value`));
    if (value === (op as { value: unknown }).value) return op;
    changed = true;
    return { ...op, value };
  });
  return changed ? { format: patch.format, body } : patch;
}

function mapStrings(value: unknown, map: (s: string) => string | undefined): unknown {
  if (typeof value === 'string') return map(value) ?? value;
  if (Array.isArray(value)) {
    const next = value.map((v) => mapStrings(v, map));
    return next.some((v, i) => v !== value[i]) ? next : value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const next = mapStrings(v, map);
      if (next !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = next;
    }
    return copy ?? value;
  }
  return value;
}
