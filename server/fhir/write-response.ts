import { operationOutcome } from '../../resources/errors/fhir-error';
import type { WriteOutcome } from '../../resources/repository/repository-transaction';
import type { ResourceVersion } from '../../resources/repository/resource-version';
import { httpDate } from '../http/http-date';
import { parsePrefer } from '../http/prefer';
import type { FhirRequest } from './fhir-request';
import type { FhirResponse } from './fhir-response';

export function versionHeaders(version: ResourceVersion): Record<string, string> {
  return { ETag: version.etag, 'Last-Modified': httpDate(version.lastUpdated) };
}

export function versionUrl(req: FhirRequest, version: ResourceVersion): string {
  return `${req.fhirBase}/${version.type}/${version.id}/_history/${version.versionId}`;
}

const STATUS: Record<WriteOutcome['status'], number> = { created: 201, updated: 200, unchanged: 200, existing: 200 };

const MESSAGES: Record<WriteOutcome['status'], string> = {
  created: 'Created',
  updated: 'Updated',
  unchanged: 'No change: the content is the same as the current version, so no new version was made',
  existing: 'A resource matching If-None-Exist already exists; nothing was created',
};

/** The answer to a create, update or patch, shaped by `Prefer: return=` (R4 http.html#ops). */
export function writeResponse(req: FhirRequest, outcome: WriteOutcome): FhirResponse {
  const { version, status } = outcome;
  const headers = versionHeaders(version);
  // Location names the new version on create (http.html#create); Content-Location the version written.
  if (status === 'created') headers.Location = versionUrl(req, version);
  else headers['Content-Location'] = versionUrl(req, version);
  const prefer = parsePrefer(req.header('prefer'));
  if (prefer.return === 'minimal') return { status: STATUS[status], headers };
  if (prefer.return === 'OperationOutcome') {
    const oo = operationOutcome([{ severity: 'information', code: 'informational', diagnostics: `${MESSAGES[status]}: ${version.reference}/_history/${version.versionId}` }]);
    return { status: STATUS[status], resource: oo, headers };
  }
  return { status: STATUS[status], version, headers };
}
