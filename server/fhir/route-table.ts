import type { FhirRequest } from './fhir-request';
import type { FhirResponse } from './fhir-response';
import type { FhirServices } from './services';
import { accessReport, verifyAudit } from './handlers/audit-operations';
import { bundle } from './handlers/bundle';
import { everything } from './handlers/everything';
import { history } from './handlers/history';
import { conditionalPatch, conditionalRemove, conditionalUpdate, create, patch, read, remove, update, vread } from './handlers/instance';
import { metadata } from './handlers/metadata';
import { search } from './handlers/search';

export type FhirHandler = (req: FhirRequest, services: FhirServices) => Promise<FhirResponse>;

/**
 * Every FHIR interaction this server offers, in one table (STYLE.md). Paths are relative to the FHIR base;
 * `:type` is checked to be an R4 resource type and `:id` an R4 id before a handler runs. Order matters where
 * paths overlap: literal segments (`_history`, `_search`) come before `:id`.
 *
 * `audit` names what the interaction is recorded as (the restful-interaction code), or `anonymous` for the
 * few that touch no data; a route without one is refused at start-up. `capability` says how it appears in
 * /metadata.
 */
export interface FhirRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  audit: string;
  handler: FhirHandler;
  capability?: { level: 'type' | 'system'; code: string };
}

export const FHIR_ROUTES: readonly FhirRoute[] = [
  { method: 'GET', path: '/metadata', audit: 'anonymous', handler: metadata },
  { method: 'GET', path: '/', audit: 'search-system', handler: search, capability: { level: 'system', code: 'search-system' } },
  // One handler serves both Bundle types (it reads Bundle.type); the second line declares batch in /metadata.
  { method: 'POST', path: '/', audit: 'transaction', handler: bundle, capability: { level: 'system', code: 'transaction' } },
  { method: 'POST', path: '/', audit: 'batch', handler: bundle, capability: { level: 'system', code: 'batch' } },
  { method: 'POST', path: '/_search', audit: 'search-system', handler: search },
  { method: 'GET', path: '/AuditEvent/$verify', audit: 'operation', handler: verifyAudit },
  { method: 'POST', path: '/AuditEvent/$verify', audit: 'operation', handler: verifyAudit },
  { method: 'GET', path: '/Patient/:id/$access-report', audit: 'operation', handler: accessReport },
  { method: 'GET', path: '/Patient/$everything', audit: 'operation', handler: everything },
  { method: 'POST', path: '/Patient/$everything', audit: 'operation', handler: everything },
  { method: 'GET', path: '/Patient/:id/$everything', audit: 'operation', handler: everything },
  { method: 'POST', path: '/Patient/:id/$everything', audit: 'operation', handler: everything },
  { method: 'GET', path: '/_history', audit: 'history-system', handler: history, capability: { level: 'system', code: 'history-system' } },
  { method: 'GET', path: '/:type/_history', audit: 'history-type', handler: history, capability: { level: 'type', code: 'history-type' } },
  { method: 'GET', path: '/:type/:id/_history', audit: 'history-instance', handler: history, capability: { level: 'type', code: 'history-instance' } },
  { method: 'GET', path: '/:type/:id/_history/:vid', audit: 'vread', handler: vread, capability: { level: 'type', code: 'vread' } },
  { method: 'GET', path: '/:type/:id', audit: 'read', handler: read, capability: { level: 'type', code: 'read' } },
  { method: 'GET', path: '/:type', audit: 'search-type', handler: search, capability: { level: 'type', code: 'search-type' } },
  { method: 'POST', path: '/:type/_search', audit: 'search-type', handler: search },
  { method: 'GET', path: '/:compartment/:id/:type', audit: 'search-type', handler: search },
  { method: 'POST', path: '/:type', audit: 'create', handler: create, capability: { level: 'type', code: 'create' } },
  { method: 'PUT', path: '/:type/:id', audit: 'update', handler: update, capability: { level: 'type', code: 'update' } },
  { method: 'PUT', path: '/:type', audit: 'update', handler: conditionalUpdate },
  { method: 'PATCH', path: '/:type/:id', audit: 'patch', handler: patch, capability: { level: 'type', code: 'patch' } },
  { method: 'PATCH', path: '/:type', audit: 'patch', handler: conditionalPatch },
  { method: 'DELETE', path: '/:type/:id', audit: 'delete', handler: remove, capability: { level: 'type', code: 'delete' } },
  { method: 'DELETE', path: '/:type', audit: 'delete', handler: conditionalRemove },
];
