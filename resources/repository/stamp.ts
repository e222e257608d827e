import type { Meta, Resource } from 'fhir/r4';

/**
 * The server owns `id`, `meta.versionId` and `meta.lastUpdated` (R4 resource.html#Meta); everything else in
 * meta (profile, security, tag, source) is the client's. Key order puts resourceType, id and meta first.
 */
export function stampResource(resource: Resource, id: string, versionId: number, lastUpdated: string): Resource {
  const { resourceType, id: _ignored, meta, ...rest } = resource;
  void _ignored;
  const stampedMeta: Meta = { ...(meta ?? {}), versionId: String(versionId), lastUpdated };
  return { resourceType, id, meta: stampedMeta, ...rest } as Resource;
}

/**
 * FHIR instants for lastUpdated: UTC with milliseconds, and strictly after the previous version's, so history
 * order is unambiguous even when two versions are written in the same millisecond.
 */
export function nextInstant(now: number, previous?: string): string {
  const floor = previous ? Date.parse(previous) + 1 : -Infinity;
  return new Date(Math.max(now, floor)).toISOString();
}

/** Parses a version from `If-Match` (`W/"3"`, `"3"` or `3`); undefined when the header is not a version. */
export function parseVersionTag(header: string): number | undefined {
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  return match ? Number(match[1]) : undefined;
}
