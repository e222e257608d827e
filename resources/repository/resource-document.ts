import type { StoredDocument } from '../storage/port';
import type { SearchIndexValues } from '../search/index-format';

/**
 * The current version of one resource, in the collection named after its type (`Patient`, `Observation`, ...).
 * `_id` is the resource id. Search index values and compartments are stored beside the resource so queries
 * compile to plain filters over these fields (DESIGN.md, Search).
 */
export interface ResourceDocument extends StoredDocument {
  versionId: number;
  /** FHIR instant, always UTC with milliseconds (`2024-01-02T03:04:05.678Z`), so strings sort in time order. */
  lastUpdated: string;
  deleted: boolean;
  /** The resource as served (with meta.versionId and meta.lastUpdated), or null once deleted. */
  json: string | null;
  /** Compartments the resource belongs to, e.g. `Patient/123` (R4 CompartmentDefinition patient). */
  compartments: string[];
  sp: SearchIndexValues;
}

export const HISTORY_COLLECTION = 'history';

/** Every version of every resource, append-only. `_id` is `Type/id/versionId`. */
export interface HistoryDocument extends StoredDocument {
  type: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  deleted: boolean;
  json: string | null;
  /** The interaction that made this version. */
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  compartments: string[];
}

export const historyId = (type: string, id: string, versionId: number) => `${type}/${id}/${versionId}`;
