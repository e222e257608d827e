import { STATUS_CODES } from 'node:http';
import type { BundleEntry, BundleEntryResponse } from 'fhir/r4';
import { operationOutcome, type FhirError } from '../errors/fhir-error';
import type { ResourceVersion } from '../repository/resource-version';
import type { EntryResult } from './entry-execution';

/** `Prefer: return=` (http.html#ops), which a batch or transaction applies to every entry it writes. */
export type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

const WRITE_STATUS = { created: 201, updated: 200, unchanged: 200, existing: 200 } as const;

const WRITE_MESSAGE = {
  created: 'Created',
  updated: 'Updated',
  unchanged: 'No change: the content is the same as the current version, so no new version was made',
  existing: 'A resource matching ifNoneExist already exists; nothing was created',
} as const;

/**
 * The response entry of a successful entry (R4 bundle.html#Bundle.entry.response): status, and for a resource
 * written or read its location (`Type/id/_history/vid`), etag and lastModified; the resource itself as `Prefer`
 * asks for writes, and always for reads and searches (they exist to return it).
 */
export function successEntry(result: EntryResult, fullUrlBase: string, prefer: ReturnPreference): BundleEntry {
  switch (result.kind) {
    case 'write': {
      const { version, status } = result.outcome;
      const response = versionResponse(WRITE_STATUS[status], version);
      if (prefer === 'OperationOutcome') response.outcome = information(`${WRITE_MESSAGE[status]}: ${version.reference}/_history/${version.versionId}`);
      const fullUrl = `${fullUrlBase}/${version.reference}`;
      return prefer === 'representation' ? { fullUrl, resource: version.resource, response } : { fullUrl, response };
    }
    case 'delete': {
      const outcome = result.outcome;
      if (!outcome) return { response: { status: statusLine(200), outcome: information('No resource matched the criteria; nothing was deleted') } };
      const message = outcome.status === 'deleted' ? `Deleted ${outcome.version.reference}` : `${outcome.version.reference} was already deleted`;
      return { response: { status: statusLine(200), etag: outcome.version.etag, outcome: information(message) } };
    }
    case 'read': {
      const { version } = result;
      if (result.notModified) return { response: { status: statusLine(304), etag: version.etag, lastModified: version.lastUpdated } };
      return { fullUrl: `${fullUrlBase}/${version.reference}`, resource: version.resource, response: versionResponse(200, version) };
    }
    case 'bundle':
      return { resource: result.bundle, response: { status: statusLine(200) } };
  }
}

/** The response entry of a failed batch entry: its status and the OperationOutcome that explains it. */
export function failureEntry(error: FhirError, status: number): BundleEntry {
  return { response: { status: statusLine(status), outcome: error.outcome } };
}

/** "The status SHALL start with a 3 digit HTTP code (e.g. 404) and may contain the standard HTTP description." */
export function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

function versionResponse(status: number, version: ResourceVersion): BundleEntryResponse {
  return {
    status: statusLine(status),
    location: `${version.reference}/_history/${version.versionId}`,
    etag: version.etag,
    lastModified: version.lastUpdated,
  };
}

function information(diagnostics: string) {
  return operationOutcome([{ severity: 'information', code: 'informational', diagnostics }]);
}
