import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { deterministicUuid } from './ids';
import { rewriteReferences } from './references';

/**
 * - `put`: each entry is `PUT Type/id` with the generated id, so loading twice is idempotent and
 *   references stay `Type/id`.
 * - `post-urn-uuid`: each entry is `POST Type` with a `urn:uuid:` fullUrl and no id; references between
 *   entries become those urn:uuids and the server assigns ids and rewrites them
 *   (https://hl7.org/fhir/R4/http.html#trules). References to resources outside the bundle (e.g. shared
 *   Practitioners loaded earlier) stay `Type/id`.
 */
export type BundleMode = 'put' | 'post-urn-uuid';

export function toTransactionBundle(resources: readonly FhirResource[], mode: BundleMode): Bundle<FhirResource> {
  const entries = mode === 'put' ? resources.map(putEntry) : postEntries(resources);
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** The urn:uuid a resource gets in `post-urn-uuid` bundles; the same in every bundle. */
export function urnUuidFor(resourceType: string, id: string): string {
  return `urn:uuid:${deterministicUuid(`${resourceType}/${id}`)}`;
}

function putEntry(resource: FhirResource): BundleEntry<FhirResource> {
  return { resource, request: { method: 'PUT', url: `${resource.resourceType}/${requireId(resource)}` } };
}

function postEntries(resources: readonly FhirResource[]): BundleEntry<FhirResource>[] {
  const urns = new Map<string, string>();
  for (const r of resources) urns.set(`${r.resourceType}/${requireId(r)}`, urnUuidFor(r.resourceType, requireId(r)));
  return resources.map((r) => {
    const { id: _omitted, ...withoutId } = rewriteReferences(r, (ref) => urns.get(ref) ?? ref);
    return {
      fullUrl: urns.get(`${r.resourceType}/${r.id}`),
      resource: withoutId as FhirResource,
      request: { method: 'POST', url: r.resourceType },
    };
  });
}

function requireId(resource: FhirResource): string {
  if (!resource.id) throw new Error(`${resource.resourceType} without an id cannot go into a transaction bundle`);
  return resource.id;
}
