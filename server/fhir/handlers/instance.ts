import { badRequest, operationOutcome } from '../../../resources/errors/fhir-error';
import { parseVersionTag } from '../../../resources/repository/stamp';
import type { WriteOptions } from '../../../resources/repository/repository-transaction';
import type { PatchBody } from '../../../resources/patch/apply-patch';
import { notModifiedSince } from '../../http/http-date';
import { FHIR_JSON_TYPES, readJsonBody } from '../../http/read-body';
import { criteriaOf, type FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';
import { versionHeaders, writeResponse } from '../write-response';

/** Handlers of the instance and type interactions of R4 http.html: create, read, vread, update, patch, delete. */

export async function create(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const body = readJsonBody(req);
  expectType(body, req.params.type);
  const ifNoneExist = req.header('if-none-exist');
  return writeResponse(req, await repository.create(req.ctx, body, { ifNoneExist: ifNoneExist?.replace(/^\?/, '') }));
}

export async function read(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const version = await repository.read(req.ctx, req.params.type, req.params.id);
  const headers = versionHeaders(version);
  const ifNoneMatch = req.header('if-none-match');
  const ifModifiedSince = req.header('if-modified-since');
  // Conditional read (http.html#cread): If-None-Match takes precedence over If-Modified-Since (RFC 9110 §13.1.3).
  if (ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, version.versionId) : ifModifiedSince !== undefined && notModifiedSince(version.lastUpdated, ifModifiedSince)) {
    return { status: 304, headers };
  }
  return { status: 200, version, headers };
}

export async function vread(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const version = await repository.vread(req.ctx, req.params.type, req.params.id, req.params.vid);
  return { status: 200, version, headers: versionHeaders(version) };
}

export async function update(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const body = readJsonBody(req);
  expectType(body, req.params.type);
  return writeResponse(req, await repository.update(req.ctx, req.params.type, req.params.id, body, ifMatch(req)));
}

export async function conditionalUpdate(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const body = readJsonBody(req);
  expectType(body, req.params.type);
  return writeResponse(req, await repository.conditionalUpdate(req.ctx, req.params.type, requireCriteria(req, 'update'), body, ifMatch(req)));
}

export async function patch(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  return writeResponse(req, await repository.patch(req.ctx, req.params.type, req.params.id, patchBody(req), ifMatch(req)));
}

export async function conditionalPatch(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  return writeResponse(req, await repository.conditionalPatch(req.ctx, req.params.type, requireCriteria(req, 'patch'), patchBody(req), ifMatch(req)));
}

export async function remove(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const outcome = await repository.delete(req.ctx, req.params.type, req.params.id, ifMatch(req));
  const message = outcome.status === 'deleted' ? `Deleted ${outcome.version.reference}` : `${outcome.version.reference} was already deleted`;
  return deleteResponse(message, { ETag: outcome.version.etag });
}

export async function conditionalRemove(req: FhirRequest, { repository }: FhirServices): Promise<FhirResponse> {
  const outcome = await repository.conditionalDelete(req.ctx, req.params.type, requireCriteria(req, 'delete'));
  if (!outcome) return deleteResponse(`No ${req.params.type} matched '${criteriaOf(req)}'; nothing was deleted`, {});
  return deleteResponse(`Deleted ${outcome.version.reference}`, { ETag: outcome.version.etag });
}

/** Delete answers 200 with an OperationOutcome saying what happened (http.html#delete allows 200, 202 or 204). */
function deleteResponse(diagnostics: string, headers: Record<string, string>): FhirResponse {
  return {
    status: 200,
    headers,
    resource: operationOutcome([{ severity: 'information', code: 'informational', diagnostics }]),
  };
}

function expectType(body: unknown, type: string): void {
  const bodyType = body !== null && typeof body === 'object' ? (body as { resourceType?: unknown }).resourceType : undefined;
  if (bodyType !== type) {
    throw badRequest(`The body is ${typeof bodyType === 'string' ? `a ${bodyType}` : 'not a FHIR resource'}, but the URL is for ${type}`, 'resourceType');
  }
}

function ifMatch(req: FhirRequest): WriteOptions {
  const header = req.header('if-match');
  if (header === undefined) return {};
  const version = parseVersionTag(header);
  if (version === undefined) throw badRequest(`If-Match '${header}' is not a version ETag such as W/"3"`);
  return { ifMatch: version };
}

function etagMatches(header: string, versionId: number): boolean {
  return header.split(',').some((tag) => tag.trim() === '*' || parseVersionTag(tag) === versionId);
}

function requireCriteria(req: FhirRequest, what: string): string {
  const criteria = criteriaOf(req);
  if (criteria === '') throw badRequest(`A conditional ${what} at the type level needs search criteria (e.g. ?identifier=system|value)`);
  return criteria;
}

/** PATCH bodies: JSON Patch by its media type, FHIRPath Patch as a Parameters resource (http.html#patch). */
function patchBody(req: FhirRequest): PatchBody {
  if (req.contentType === 'application/json-patch+json') return { format: 'json-patch', body: readJsonBody(req, ['application/json-patch+json']) };
  const body = readJsonBody(req, [...FHIR_JSON_TYPES, 'application/json-patch+json']);
  if (Array.isArray(body)) return { format: 'json-patch', body };
  return { format: 'fhirpath-patch', body };
}
