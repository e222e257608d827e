import { badRequest, unsupportedMediaType } from '../../resources/errors/fhir-error';
import type { FhirRequest } from '../fhir/fhir-request';

export const FHIR_JSON_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'];

/**
 * The request body as JSON, if its media type is one the interaction accepts (415 otherwise) and it parses
 * (400 with the parser's reason otherwise). Size is limited before this, by the raw body reader (413).
 */
export function readJsonBody(req: FhirRequest, accepted: readonly string[] = FHIR_JSON_TYPES): unknown {
  if (!req.body || req.body.length === 0) throw badRequest('The request has no body; a FHIR resource in JSON is expected', undefined, 'required');
  if (!req.contentType || !accepted.includes(req.contentType)) {
    throw unsupportedMediaType(`Content-Type '${req.contentType ?? '(none)'}' is not accepted here; use ${accepted.join(' or ')}`);
  }
  const charset = /charset=([^;]+)/i.exec(req.header('content-type') ?? '')?.[1]?.trim().toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw unsupportedMediaType(`charset '${charset}' is not accepted; FHIR JSON is UTF-8`);
  }
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch (e) {
    throw badRequest(`The body is not valid JSON: ${(e as Error).message}`, undefined, 'structure');
  }
}
