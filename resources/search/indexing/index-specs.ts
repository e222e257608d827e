import type { IndexSpec } from '../../storage/port';
import { searchParametersOf, type SearchParameterInfo, type SearchParamType } from './search-parameter-registry';

/**
 * The store indexes of one resource type's collection: one per search parameter on the sub-field its queries are
 * served by (index-format.ts), plus `lastUpdated` (with `_id`, for `_lastUpdated` and stable paging) and the
 * patient compartments. MongoDB allows 64 indexes per collection; at most MAX_INDEXES are asked for, keeping
 * the most selective kinds of parameter first when a type has more. No R4 type comes near: Observation, the
 * largest, needs 46.
 */
export const MAX_INDEXES = 60;

/** The sub-fields that queries of each parameter type are served by; dates need both ends of their range. */
export const INDEXED_SUB_FIELDS: Readonly<Record<Exclude<SearchParamType, 'composite' | 'special'>, readonly string[]>> = {
  reference: ['r'],
  token: ['c'],
  date: ['lo', 'hi'],
  string: ['f'],
  quantity: ['v'],
  number: ['n'],
  uri: ['u'],
};

/** Which parameters keep their indexes when a type has too many: references, tokens and dates serve most searches. */
const PRIORITY: readonly SearchParamType[] = ['reference', 'token', 'date', 'string', 'quantity', 'number', 'uri', 'composite', 'special'];

const FIXED: readonly IndexSpec[] = [
  { name: 'lastUpdated_id', keys: [['lastUpdated', 1], ['_id', 1]] },
  { name: 'compartments', keys: [['compartments', 1]] },
];

/**
 * Types whose write rate calls for fewer indexes. One AuditEvent is recorded for every interaction, so each index
 * entry is paid for on every read of the server: these are the parameters reviewers narrow by (who, which
 * patient, which resource, when, from where, and what happened); the other AuditEvent parameters are still
 * searchable, by filtering what these select.
 */
const INDEXED_PARAMETERS: Readonly<Record<string, ReadonlySet<string>>> = {
  AuditEvent: new Set(['date', 'patient', 'agent', 'entity', 'address', 'outcome', 'subtype', 'action']),
};

export function indexSpecsFor(resourceType: string): IndexSpec[] {
  const only = INDEXED_PARAMETERS[resourceType];
  const parameters = searchParametersOf(resourceType);
  return indexSpecsOf(only ? parameters.filter((p) => only.has(p.code)) : parameters);
}

/** The indexes for a list of parameters, in priority order, cut at MAX_INDEXES (never inside one parameter's). */
export function indexSpecsOf(parameters: readonly SearchParameterInfo[]): IndexSpec[] {
  const params = [...parameters]
    .filter((p) => !p.documentField)
    .sort((a, b) => PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type));
  const specs: IndexSpec[] = [...FIXED];
  for (const param of params) {
    const fields = indexedFields(param);
    if (specs.length + fields.length > MAX_INDEXES) break;
    // Sparse: most parameters are absent from most resources, and indexing their absence as null would write
    // dozens of useless index entries per resource. `:missing=true` queries scan instead.
    for (const field of fields) specs.push({ name: `sp_${param.code}_${field.replace(/\./g, '_')}`, keys: [[`sp.${param.code}.${field}`, 1]], sparse: true });
  }
  return specs;
}

/** The sub-fields of one parameter's entries that get an index: a composite's first component, `near`'s latitude. */
export function indexedFields(param: SearchParameterInfo): readonly string[] {
  if (param.type === 'special') return param.code === 'near' ? ['c0.n'] : [];
  if (param.type !== 'composite') return INDEXED_SUB_FIELDS[param.type];
  const first = param.component?.[0];
  if (!first || first.type === 'composite' || first.type === 'special') return [];
  return [`c0.${INDEXED_SUB_FIELDS[first.type][0]}`];
}
