import type { Bundle, Resource } from 'fhir/r4';
import type { AccessContext, Permission } from '../access/access-context';
import type { IndexSpec, Filter, StoreSession } from '../storage/port';
import type { ResourceDocument } from '../repository/resource-document';
import type { SearchIndexValues } from './index-format';

/** Computes what is stored beside each resource so searches and access checks compile to filters. */
export interface ResourceIndexer {
  /** Search index values (index-format.ts) and patient compartments (`Patient/123`) of one resource. */
  index(resource: Resource): { sp: SearchIndexValues; compartments: string[] };
  /** Store indexes each resource type's collection needs (at most 60 per collection: MongoDB allows 64). */
  indexSpecs(resourceType: string): IndexSpec[];
}

export interface SearchRequest {
  /** Undefined for a system-level search (`GET /fhir?_type=...`). */
  resourceType?: string;
  /** Compartment search, e.g. `/fhir/Patient/123/Observation`. */
  compartment?: { type: string; id: string };
  /** Query parameters in the order received, repeats kept, values already URL-decoded. */
  params: ReadonlyArray<readonly [string, string]>;
  /** `Prefer: handling=strict` makes unknown or unsupported parameters an error; lenient ignores them. */
  handling: 'strict' | 'lenient';
}

export interface SearchEntryInfo {
  type: string;
  id: string;
  versionId: number;
  mode: 'match' | 'include';
  compartments: string[];
}

export interface SearchResult {
  /** A searchset Bundle with total (when asked), self/first/next/previous links, fullUrls and search modes. */
  bundle: Bundle;
  /** What the bundle returns, for the audit trail. */
  entries: SearchEntryInfo[];
}

export interface SearchEngine {
  search(ctx: AccessContext, request: SearchRequest, session?: StoreSession): Promise<SearchResult>;
  /**
   * Current (not deleted) resources of `type` matching a FHIR search query string (`identifier=sys|123`), at most
   * `limit`, restricted by ctx's grants for `permission`. Used by conditional create/update/delete/patch and by
   * conditional references in transactions; runs inside `session` when given.
   */
  findMatches(ctx: AccessContext, type: string, query: string, limit: number, permission: Permission, session?: StoreSession): Promise<ResourceDocument[]>;
  /**
   * The filter that restricts documents of `type` to what ctx may do with `permission` (compartments and
   * granular scope queries), `undefined` when unrestricted; throws a forbidden FhirError when nothing is granted.
   */
  accessFilter(ctx: AccessContext, type: string, permission: Permission): Filter | undefined;
  /** Whether one resource (with its computed index values) falls within ctx's grants for `permission`. */
  allows(ctx: AccessContext, type: string, permission: Permission, doc: Pick<ResourceDocument, '_id' | 'compartments' | 'sp'>): boolean;
}
