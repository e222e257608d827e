import { parseDateRange } from '../datatypes/date-range';
import { isResourceType } from '../definitions/resource-types';
import { badRequest } from '../errors/fhir-error';
import type { EverythingRequest } from './everything';
import type { PageSizes, QueryParams } from './request-parameters';

/** A FHIR instant or dateTime with a time zone (`_since` is an instant: R4 patient-operation-everything.html). */
const SINCE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A FHIR date (`start` and `end` are dates: a year, a month or a day). */
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Patient/[id]/$everything's parameters (`start`, `end`, `_since`, `_type`, `_count`, and this server's `_page`),
 * checked, whether they came in a GET's query, a POST's Parameters or a Bundle entry's url.
 */
export function everythingRequest(patientId: string, params: QueryParams, fhirBase: string, sizes: PageSizes): EverythingRequest {
  // "Unless the client requests otherwise, the server returns the entire result set in a single bundle" (R4
  // patient-operation-everything.html): the largest page this server gives, so a typical record is one response.
  const request: EverythingRequest = { patientId, count: sizes.maxPageSize, fhirBase };
  for (const [name, value] of params) {
    if (name === 'start' || name === 'end') {
      if (!DATE.test(value) || !parseDateRange(value)) throw badRequest(`${name} must be a date such as 2024, 2024-03 or 2024-03-31, got '${value}'`, name);
      request[name] = value;
    } else if (name === '_since') {
      if (!SINCE.test(value) || !parseDateRange(value)) throw badRequest(`_since must be an instant such as 2024-01-31T12:00:00Z, got '${value}'`, '_since');
      request.since = value;
    } else if (name === '_type') {
      const types = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
      const unknown = types.find((t) => !isResourceType(t));
      if (unknown !== undefined) throw badRequest(`_type names '${unknown}', which is not a resource type`, '_type');
      request.types = [...(request.types ?? []), ...types];
    } else if (name === '_count') {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw badRequest(`_count must be a whole number of at least 1, got '${value}'`, '_count');
      // A larger page than the server allows is not an error: the server returns fewer (search.html#count).
      request.count = Math.min(Number(value), sizes.maxPageSize);
    } else if (name === '_page') {
      request.page = value;
    }
  }
  if (request.start && request.end && parseDateRange(request.end)![1] < parseDateRange(request.start)![0]) {
    throw badRequest(`end (${request.end}) is before start (${request.start})`, 'end');
  }
  return request;
}
