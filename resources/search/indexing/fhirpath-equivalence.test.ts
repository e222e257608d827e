import type { Resource } from 'fhir/r4';
import { generateResources } from '../../../test/data';
import { splitUnion } from './expression-parts';
import { fhirPathSelector, type Selector } from './fhirpath-selector';
import { compilePath } from './path-compiler';
import { walkPath } from './path-walker';
import { searchParametersOf } from './search-parameter-registry';
import type { Json, TypedValue } from './typed-value';

/**
 * The path walker is a fast path for what fhirpath would compute: on realistic data, every branch of every
 * parameter must select the same values, of the same types, as fhirpath with the R4 model. (fhirpath names a
 * backbone element's type `BackboneElement` where the walker names its path, e.g. `Location.position`.)
 */
function comparable(values: readonly TypedValue[]): unknown[] {
  return values.map(({ value, type }) => ({ value, type: type === 'BackboneElement' || type.includes('.') ? 'backbone' : type }));
}

/** The rarer shapes: typed filters, reference type tests, `where(x='y')`, a Bundle's first resource. */
const RARER_SHAPES = [
  {
    resourceType: 'ActivityDefinition',
    status: 'active',
    useContext: [
      { code: { system: 'http://terminology.hl7.org/CodeSystem/usage-context-type', code: 'focus' }, valueCodeableConcept: { text: 'flu' } },
      { code: { system: 'http://terminology.hl7.org/CodeSystem/usage-context-type', code: 'age' }, valueRange: { low: { value: 18 } } },
    ],
    relatedArtifact: [
      { type: 'composed-of', resource: 'http://example.org/Library/a|2.0' },
      { type: 'depends-on', resource: 'http://example.org/Library/b' },
    ],
  },
  {
    resourceType: 'Appointment',
    status: 'booked',
    participant: [{ actor: { reference: 'Patient/p1' } }, { actor: { reference: 'Practitioner/d1' } }, { actor: { reference: 'http://x.org/fhir/Location/l1' } }],
  },
  { resourceType: 'Bundle', type: 'document', entry: [{ resource: { resourceType: 'Composition', id: 'c' } }, { resource: { resourceType: 'Patient', id: 'p' } }] },
  { resourceType: 'Person', link: [{ target: { reference: 'Patient/1' } }, { target: { reference: 'RelatedPerson/2' } }] },
  { resourceType: 'Condition', subject: { reference: 'Patient/1' }, onsetAge: { value: 3 }, abatementString: 'in remission' },
  { resourceType: 'Composition', relatesTo: [{ code: 'replaces', targetIdentifier: { value: 'x' } }, { code: 'appends', targetReference: { reference: 'Composition/1' } }] },
  { resourceType: 'Group', characteristic: [{ code: { text: 'a' }, valueBoolean: true }, { code: { text: 'b' }, valueCodeableConcept: { text: 'c' } }] },
  { resourceType: 'OrganizationAffiliation', telecom: [{ system: 'email', value: 'a@b.c' }, { system: 'phone', value: '555' }] },
  { resourceType: 'Goal', startDate: '2020', target: [{ dueDate: '2021' }] },
  { resourceType: 'AuditEvent', agent: [{ who: { reference: 'Patient/1' } }], entity: [{ what: { reference: 'Patient/2' } }] },
] as unknown as Resource[];

describe('walking compiled paths agrees with fhirpath', () => {
  const selectors = new Map<string, Selector>();

  it('selects the same values for every branch of every parameter of generated resources', () => {
    const { compared, selected, mismatches } = compare([...generateResources({ seed: 7, patients: 2 })]);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(5000);
    expect(selected).toBeGreaterThan(1500);
  });

  it('selects the same values on the rarer shapes of R4 expressions', () => {
    const { compared, selected, mismatches } = compare(RARER_SHAPES);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(150);
    expect(selected).toBeGreaterThan(20);
  });

  function compare(resources: readonly Resource[]): { compared: number; selected: number; mismatches: string[] } {
    let compared = 0;
    let selected = 0;
    const mismatches: string[] = [];
    for (const resource of resources) {
      for (const param of searchParametersOf(resource.resourceType)) {
        if (param.type === 'composite' || param.documentField) continue;
        for (const branch of splitUnion(param.expression)) {
          const path = compilePath(branch, false);
          if (!path) continue;
          let viaFhirPath = selectors.get(branch);
          if (!viaFhirPath) {
            viaFhirPath = fhirPathSelector(branch);
            selectors.set(branch, viaFhirPath);
          }
          let expected: unknown[];
          try {
            expected = comparable(viaFhirPath(resource as unknown as Json, []));
          } catch {
            // FHIRPath's `as` wants a single item; R4's `(Observation.component.value as Quantity)` means a filter.
            continue;
          }
          const actual = comparable(walkPath(path, resource as unknown as Json, []));
          compared++;
          if (actual.length > 0) selected++;
          if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${resource.resourceType}/${resource.id} ${branch}`);
        }
      }
    }
    return { compared, selected, mismatches };
  }
});
