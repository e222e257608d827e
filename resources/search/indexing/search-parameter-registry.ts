import { readR4File } from '../../definitions/r4-files';
import { resourceTypes } from '../../definitions/resource-types';
import { branchesFor, splitUnion } from './expression-parts';

/**
 * Every R4 SearchParameter (search-parameters.json, the 1,378 of the official bundle) as it applies to each
 * resource type: its expression narrowed to that type's branches, and composites with their components resolved.
 * Write-time extraction, query parsing and /metadata all read parameters from here.
 * http://hl7.org/fhir/R4/searchparameter-registry.html
 */
export type SearchParamType = 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';

export interface SearchParameterComponentInfo {
  /** Code and type of the parameter the component is defined by (SearchParameter.component.definition). */
  readonly code: string;
  readonly type: SearchParamType;
  /** FHIRPath relative to the element the composite's expression selects. */
  readonly expression: string;
  readonly url: string;
}

export interface SearchParameterInfo {
  readonly code: string;
  readonly type: SearchParamType;
  /** The definition's expression narrowed to this resource type's branches. */
  readonly expression: string;
  readonly url: string;
  readonly description: string;
  /** Reference parameters: the types referenced, narrowed by `where(resolve() is T)` when every branch says so. */
  readonly target?: readonly string[];
  /** Composite parameters: the components, in order (index values hold them as `c0`, `c1`, ...). */
  readonly component?: readonly SearchParameterComponentInfo[];
  /**
   * `_id` and `_lastUpdated` are not extracted into `sp`: they are the stored document's `_id` and `lastUpdated`.
   * http://hl7.org/fhir/R4/search.html#all
   */
  readonly documentField?: '_id' | 'lastUpdated';
}

interface RawSearchParameter {
  url: string;
  code: string;
  base: string[];
  type: SearchParamType;
  expression?: string;
  description: string;
  target?: string[];
  component?: { definition: string; expression: string }[];
}

const DOCUMENT_FIELDS: Readonly<Record<string, SearchParameterInfo['documentField']>> = { _id: '_id', _lastUpdated: 'lastUpdated' };

/**
 * R4 crosses the component expressions of DocumentReference's `relationship`: `relatesto` (a reference) is given
 * `code` (a code) and `relation` (a token) is given `target` (a Reference), so neither could ever match. Each
 * component gets the element of its own type instead. http://hl7.org/fhir/R4/documentreference.html#search
 */
const COMPONENT_EXPRESSION_FIXES: Readonly<Record<string, string>> = {
  'http://hl7.org/fhir/SearchParameter/DocumentReference-relatesto': 'target',
  'http://hl7.org/fhir/SearchParameter/DocumentReference-relation': 'code',
};

interface Registry {
  readonly byType: ReadonlyMap<string, readonly SearchParameterInfo[]>;
  readonly byTypeAndCode: ReadonlyMap<string, ReadonlyMap<string, SearchParameterInfo>>;
}

let registry: Registry | undefined;

/** The parameters of a resource type (empty for an unknown type), in definition order. */
export function searchParametersOf(resourceType: string): readonly SearchParameterInfo[] {
  return load().byType.get(resourceType) ?? [];
}

/** The parameter `code` of a resource type, or undefined when R4 defines none. */
export function searchParameterFor(resourceType: string, code: string): SearchParameterInfo | undefined {
  return load().byTypeAndCode.get(resourceType)?.get(code);
}

function load(): Registry {
  registry ??= build();
  return registry;
}

function build(): Registry {
  const definitions = readR4File<{ entry: { resource: RawSearchParameter }[] }>('search-parameters.json').entry.map((e) => e.resource);
  const byUrl = new Map(definitions.map((d) => [d.url, d]));
  const all = [...resourceTypes()];
  const byType = new Map<string, SearchParameterInfo[]>(all.map((t) => [t, []]));
  for (const definition of definitions) {
    if (!definition.expression) continue;
    const types = definition.base.includes('Resource') ? all : definition.base;
    for (const type of types) {
      const list = byType.get(type);
      const info = list && forType(definition, type, byUrl);
      if (info) list.push(info);
    }
  }
  for (const list of byType.values()) Object.freeze(list);
  const byTypeAndCode = new Map([...byType].map(([type, list]) => [type, new Map(list.map((p) => [p.code, p]))]));
  return { byType, byTypeAndCode };
}

function forType(definition: RawSearchParameter, type: string, byUrl: ReadonlyMap<string, RawSearchParameter>): SearchParameterInfo | undefined {
  const branches = branchesFor(definition.expression!, type);
  if (branches.length === 0) return undefined;
  const target = targetsOf(definition, branches);
  const documentField = DOCUMENT_FIELDS[definition.code];
  return Object.freeze({
    code: definition.code,
    type: definition.type,
    expression: branches.join(' | '),
    url: definition.url,
    description: definition.description,
    ...(target && { target: Object.freeze([...target]) }),
    ...(definition.component && { component: Object.freeze(definition.component.map((c) => componentOf(c, byUrl))) }),
    ...(documentField && { documentField }),
  });
}

const RESOLVES_TO = /\.where\(\s*resolve\(\)\s+is\s+([A-Za-z]+)\s*\)/;

function targetsOf(definition: RawSearchParameter, branches: readonly string[]): string[] | undefined {
  if (definition.type !== 'reference') return definition.target;
  const narrowed = branches.map((b) => RESOLVES_TO.exec(b)?.[1]);
  if (narrowed.every((t): t is string => t !== undefined)) return [...new Set(narrowed)];
  return definition.target;
}

function componentOf(
  component: { definition: string; expression: string },
  byUrl: ReadonlyMap<string, RawSearchParameter>,
): SearchParameterComponentInfo {
  const definition = byUrl.get(component.definition);
  if (!definition) throw new Error(`SearchParameter component ${component.definition} is not defined`);
  const expression = COMPONENT_EXPRESSION_FIXES[component.definition] ?? component.expression;
  return Object.freeze({ code: definition.code, type: definition.type, expression: splitUnion(expression).join(' | '), url: definition.url });
}
