import { badRequest, notFound, unsupportedMediaType } from '../../../resources/errors/fhir-error';
import type { SearchRequest } from '../../../resources/search/search-engine';
import { parsePrefer } from '../../http/prefer';
import type { FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';

const FORM = 'application/x-www-form-urlencoded';

/**
 * Search at type, system and compartment level (R4 http.html#search), by GET or by POST to `_search` with a
 * form body; for POST the URL's parameters and the form's are taken together, so both give the same results.
 */
export async function search(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const request: SearchRequest = {
    resourceType: req.params.type,
    params: [...req.query, ...formParams(req)],
    handling: parsePrefer(req.header('prefer')).handling,
  };
  if (req.params.compartment !== undefined) {
    // Compartments other than Patient are not offered (R4 lists Patient, Encounter, RelatedPerson,
    // Practitioner and Device; the patient compartment is the one SMART and US Core rely on).
    if (req.params.compartment !== 'Patient') throw notFound(`compartment ${req.params.compartment}`);
    request.compartment = { type: req.params.compartment, id: req.params.id };
  }
  const result = await repository.search(req.ctx, request);
  return { status: 200, resource: result.bundle };
}

function formParams(req: FhirRequest): [string, string][] {
  if (req.method !== 'POST') return [];
  if (!req.body || req.body.length === 0) return [];
  if (req.contentType !== FORM) throw unsupportedMediaType(`POST _search takes a form body (${FORM}), not '${req.contentType ?? '(none)'}'`);
  try {
    return [...new URLSearchParams(req.body.toString('utf8'))];
  } catch {
    throw badRequest('The form body could not be read');
  }
}
