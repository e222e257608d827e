import { resourceTypes } from '../../definitions/resource-types';
import { elementSlots, isOfType } from './element-slots';
import { splitUnion } from './expression-parts';
import { compileExtractor } from './parameter-extractor';
import { compilePath } from './path-compiler';
import { searchParametersOf, type SearchParameterInfo } from './search-parameter-registry';

/**
 * Static checks over every parameter of every R4 type: each compiles to an extractor, each branch of its
 * expression names elements that exist in R4, and the types those elements can have are types its normalizer
 * indexes, except for the choice branches listed here that no value of the parameter's type can stand for.
 */
const INDEXED_TYPES: Readonly<Record<string, readonly string[]>> = {
  string: ['string', 'markdown', 'HumanName', 'Address'],
  token: ['CodeableConcept', 'Coding', 'Identifier', 'ContactPoint', 'boolean', 'code', 'id', 'string', 'uri'],
  reference: ['Reference', 'canonical', 'uri', 'Resource'],
  date: ['date', 'dateTime', 'instant', 'Period', 'Timing'],
  number: ['decimal', 'integer', 'Range'],
  quantity: ['Quantity', 'Age', 'Duration', 'Money', 'Range'],
  uri: ['uri', 'url', 'canonical'],
  special: ['Location.position'],
};

/** `parameter type: value type`, and the parameters where a choice element may hold such a value. */
const NOT_INDEXABLE = {
  'date: Age': ['Procedure.date'],
  'date: Range': ['Procedure.date'],
  'date: string': ['CarePlan.activity-date', 'Immunization.date', 'Procedure.date'],
  'reference: Attachment': ['Consent.source-reference'],
  'quantity: SampledData': ['Observation.combo-value-quantity', 'Observation.component-value-quantity', 'Observation.value-quantity'],
  'token: Quantity': ['Group.characteristic-value'],
  'token: Range': ['Group.characteristic-value'],
  'token: Reference': ['Group.characteristic-value'],
};

function typesOf(branch: string, relative: boolean, rootType: string, focusTypes: readonly string[]): string[] | undefined {
  const path = compilePath(branch, relative);
  if (!path) return undefined;
  let types = path.start === 'resource' ? [rootType] : [...focusTypes];
  for (const step of path.steps) {
    if (step.kind === 'child') types = types.flatMap((t) => elementSlots(t, step.name).map((s) => s.type));
    else if (step.kind === 'ofType') types = types.filter((t) => isOfType(t, step.type));
    else if (step.kind === 'extension') types = types.flatMap((t) => elementSlots(t, 'extension').map((s) => s.type));
  }
  return types;
}

interface Finding {
  fhirpath: string[];
  empty: string[];
  notIndexable: Map<string, Set<string>>;
}

function check(findings: Finding, where: string, type: string, types: string[] | undefined): void {
  if (types === undefined) findings.fhirpath.push(where);
  else if (types.length === 0) findings.empty.push(where);
  else {
    for (const t of types) {
      if (INDEXED_TYPES[type].includes(t) || (type === 'reference' && /^[A-Z]/.test(t) && t !== 'Attachment')) continue;
      const key = `${type}: ${t}`;
      if (!findings.notIndexable.has(key)) findings.notIndexable.set(key, new Set());
      findings.notIndexable.get(key)!.add(where.split(' ')[0]);
    }
  }
}

function analyze(type: string, param: SearchParameterInfo, findings: Finding): void {
  const where = `${type}.${param.code}`;
  for (const branch of splitUnion(param.expression)) {
    const types = typesOf(branch, false, type, []);
    if (param.type !== 'composite') {
      check(findings, `${where} ${branch}`, param.type, types);
      continue;
    }
    for (const component of param.component!) {
      for (const componentBranch of splitUnion(component.expression)) {
        check(findings, `${where} ${componentBranch}`, component.type, typesOf(componentBranch, true, type, types ?? []));
      }
    }
  }
}

describe('coverage of the R4 search parameters', () => {
  const findings: Finding = { fhirpath: [], empty: [], notIndexable: new Map() };
  let extractors = 0;
  let parameters = 0;
  beforeAll(() => {
    for (const type of resourceTypes()) {
      for (const param of searchParametersOf(type)) {
        if (param.documentField) continue;
        parameters++;
        if (compileExtractor(param, type)) extractors++;
        analyze(type, param, findings);
      }
    }
  });

  it('compiles every parameter of every type (except _id and _lastUpdated) to an extractor', () => {
    expect(parameters).toBeGreaterThan(2000);
    expect(extractors).toBe(parameters);
  });

  it('walks every branch directly, except the one R4 expression that is more than a path', () => {
    expect(findings.fhirpath).toEqual(['Patient.deceased Patient.deceased.exists() and Patient.deceased != false']);
  });

  it('finds R4 elements for every branch', () => {
    expect(findings.empty).toEqual([]);
  });

  it('indexes every type of value a branch can select, except the choice types listed', () => {
    const actual = Object.fromEntries([...findings.notIndexable].map(([k, v]) => [k, [...v].sort()]));
    expect(actual).toEqual(NOT_INDEXABLE);
  });
});
