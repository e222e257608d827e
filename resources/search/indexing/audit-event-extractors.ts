import type { IndexEntry } from '../index-format';
import { dateEntries } from './date-entries';
import { isObject, type IndexingContext, type Json, type Normalizer, type TypedValue } from './indexing-context';
import { referencedType } from './literal-reference';
import { referenceEntries } from './reference-entries';
import { stringEntries } from './string-entries';
import { tokenEntries } from './token-entries';
import { uriEntries } from './uri-entries';

/**
 * AuditEvent's search parameters with their paths written out by hand. Every read, write and search stores one
 * AuditEvent, so this type is indexed more often than all others together; the compiled path walker spends more
 * time finding these few flat paths than the normalizers spend on the values. The values go through the same
 * normalizers, and `audit-event-extractors.test.ts` checks that the result equals the compiled R4 expressions'
 * (search-parameter-registry) for every shape the server records and for AuditEvents from other systems.
 */
export interface HandCompiledExtractor {
  readonly code: string;
  readonly extract: (context: IndexingContext) => IndexEntry[];
}

type Select = (resource: Json) => TypedValue[];

/** `path` of every element of `list` (an array in valid FHIR JSON), typed. */
function each(list: unknown, type: string, pick: (item: Json) => unknown, out: TypedValue[] = []): TypedValue[] {
  if (!Array.isArray(list)) return out;
  for (const item of list) if (isObject(item)) push(out, pick(item), type);
  return out;
}

/** A value, or each value of an array, typed; nothing for an absent one. */
function push(out: TypedValue[], value: unknown, type: string): TypedValue[] {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== undefined && v !== null) out.push({ value: v, type });
  } else out.push({ value, type });
  return out;
}

const field = (resource: Json, name: string, type: string): TypedValue[] => push([], resource[name], type);
const meta = (resource: Json, name: string, type: string): TypedValue[] => (isObject(resource.meta) ? push([], resource.meta[name], type) : []);
const source = (resource: Json, name: string, type: string): TypedValue[] => (isObject(resource.source) ? push([], resource.source[name], type) : []);

/** `where(resolve() is Patient)`: the references that say they point at a Patient (literal-reference.ts). */
function patients(values: TypedValue[], resource: Json, out: TypedValue[]): void {
  for (const v of values) if (referencedType(v.value, resource) === 'Patient') out.push(v);
}

const agentWho = (r: Json) => each(r.agent, 'Reference', (a) => a.who);
const entityWhat = (r: Json) => each(r.entity, 'Reference', (e) => e.what);

const PARAMETERS: readonly (readonly [code: string, normalize: Normalizer, select: Select])[] = [
  ['_profile', uriEntries, (r) => meta(r, 'profile', 'canonical')],
  ['_security', tokenEntries, (r) => meta(r, 'security', 'Coding')],
  ['_source', uriEntries, (r) => meta(r, 'source', 'uri')],
  ['_tag', tokenEntries, (r) => meta(r, 'tag', 'Coding')],
  ['action', tokenEntries, (r) => field(r, 'action', 'code')],
  ['address', stringEntries, (r) => each(r.agent, 'string', (a) => (isObject(a.network) ? a.network.address : undefined))],
  ['agent', referenceEntries, agentWho],
  ['agent-name', stringEntries, (r) => each(r.agent, 'string', (a) => a.name)],
  ['agent-role', tokenEntries, (r) => each(r.agent, 'CodeableConcept', (a) => a.role)],
  ['altid', tokenEntries, (r) => each(r.agent, 'string', (a) => a.altId)],
  ['date', dateEntries, (r) => field(r, 'recorded', 'instant')],
  ['entity', referenceEntries, entityWhat],
  ['entity-name', stringEntries, (r) => each(r.entity, 'string', (e) => e.name)],
  ['entity-role', tokenEntries, (r) => each(r.entity, 'Coding', (e) => e.role)],
  ['entity-type', tokenEntries, (r) => each(r.entity, 'Coding', (e) => e.type)],
  ['outcome', tokenEntries, (r) => field(r, 'outcome', 'code')],
  [
    'patient',
    referenceEntries,
    (r) => {
      const out: TypedValue[] = [];
      patients(agentWho(r), r, out);
      patients(entityWhat(r), r, out);
      return out;
    },
  ],
  ['policy', uriEntries, (r) => each(r.agent, 'uri', (a) => a.policy)],
  ['site', tokenEntries, (r) => source(r, 'site', 'string')],
  ['source', referenceEntries, (r) => source(r, 'observer', 'Reference')],
  ['subtype', tokenEntries, (r) => field(r, 'subtype', 'Coding')],
  ['type', tokenEntries, (r) => field(r, 'type', 'Coding')],
];

export const AUDIT_EVENT_EXTRACTORS: readonly HandCompiledExtractor[] = PARAMETERS.map(([code, normalize, select]) => ({
  code,
  extract: (context: IndexingContext) => normalize(select(context.resource), context),
}));
