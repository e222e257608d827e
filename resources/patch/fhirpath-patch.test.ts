import type { Observation, Parameters, ParametersParameter, Patient } from 'fhir/r4';
import { thrownFhirError } from '../errors/fhir-error.test-support';
import { applyFhirPathPatch } from './fhirpath-patch';

/** One `operation` parameter; `value` is spread into the value part (`{ valueDate: ... }` or `{ part: [...] }`). */
function operation(
  type: string,
  parts: { path?: string; name?: string; index?: number; source?: number; destination?: number; value?: object },
): ParametersParameter {
  const part: ParametersParameter[] = [{ name: 'type', valueCode: type }];
  for (const [name, v] of Object.entries(parts)) {
    if (name === 'value') part.push({ name, ...(v as object) });
    else part.push(typeof v === 'number' ? { name, valueInteger: v } : { name, valueString: v as string });
  }
  return { name: 'operation', part };
}

const fhirPatch = (...parameter: ParametersParameter[]): Parameters => ({ resourceType: 'Parameters', parameter });
const add = (path: string, name: string, value: object) => operation('add', { path, name, value });
const insert = (path: string, index: number, value: object) => operation('insert', { path, index, value });
const del = (path: string) => operation('delete', { path });
const replace = (path: string, value: object) => operation('replace', { path, value });
const move = (path: string, source: number, destination: number) => operation('move', { path, source, destination });

const patient = (): Patient => ({
  resourceType: 'Patient',
  id: 'p1',
  identifier: [
    { system: 'urn:a', value: '1' },
    { system: 'urn:b', value: '2' },
  ],
  name: [
    { use: 'official', family: 'Chalmers', given: ['Peter', 'James'] },
    { use: 'usual', given: ['Jim'] },
  ],
  telecom: [
    { system: 'phone', value: '555-1234' },
    { system: 'email', value: 'p@example.org' },
  ],
  birthDate: '1974-12-25',
  extension: [{ url: 'http://example.org/ext', valueString: 'x' }],
});

const observation = (): Observation => ({
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { text: 'blood pressure' },
  valueQuantity: { value: 120, unit: 'mmHg' },
  component: [
    { code: { text: 'systolic' }, valueQuantity: { value: 120, unit: 'mmHg' } },
    { code: { text: 'diastolic' }, valueQuantity: { value: 80, unit: 'mmHg' } },
  ],
});

const apply = <T>(resource: T, ...ops: ParametersParameter[]): T =>
  applyFhirPathPatch(resource as never, fhirPatch(...ops)) as T;

describe('FHIRPath Patch: add', () => {
  it('adds an absent single element to the element the path selects', () => {
    const input: Patient = { resourceType: 'Patient', id: 'p' };
    const result = apply(input, add('Patient', 'birthDate', { valueDate: '1930-01-01' }));
    expect(result.birthDate).toBe('1930-01-01');
  });

  it('add appends to a list element', () => {
    const result = apply(patient(), add('Patient.name[0]', 'given', { valueString: 'Jay' }));
    expect(result.name![0].given).toEqual(['Peter', 'James', 'Jay']);
  });

  it('add starts a list that is absent', () => {
    const result = apply(patient(), add("Patient.name.where(use='usual')", 'prefix', { valueString: 'Mr' }));
    expect(result.name![1].prefix).toEqual(['Mr']);
  });

  it('add fails when the single element already has a value', () => {
    const error = thrownFhirError(() => apply(patient(), add('Patient', 'birthDate', { valueDate: '1930-01-01' })));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toMatch(/operation 0 \(add Patient\).*already has birthDate.*replace/);
  });

  it('add names a choice element from its base name and the value type', () => {
    const result = apply(patient(), add('Patient', 'deceased', { valueBoolean: false }));
    expect(result.deceasedBoolean).toBe(false);
  });

  it('add accepts the typed name of a choice element', () => {
    const result = apply(patient(), add('Patient', 'deceasedDateTime', { valueDateTime: '2020-01-01' }));
    expect(result.deceasedDateTime).toBe('2020-01-01');
  });

  it('add fails when another type of the choice is already present', () => {
    const dead = { ...patient(), deceasedDateTime: '2020-01-01' };
    const error = thrownFhirError(() => apply(dead, add('Patient', 'deceased', { valueBoolean: true })));
    expect(error.kind).toBe('unprocessable');
  });

  it('add fails when the value type is not one of the choice types', () => {
    const error = thrownFhirError(() => apply(patient(), add('Patient', 'deceased', { valueString: 'yes' })));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain('Patient.deceased[x] cannot hold a valueString');
  });

  it('add builds a backbone element from parts (a list child given twice becomes a list)', () => {
    const result = apply(
      patient(),
      operation('add', {
        path: 'Patient',
        name: 'contact',
        value: {
          part: [
            { name: 'name', valueHumanName: { text: 'a name' } },
            { name: 'telecom', valueContactPoint: { system: 'phone', value: '1' } },
            { name: 'telecom', valueContactPoint: { system: 'email', value: 'e' } },
            { name: 'relationship', part: [{ name: 'text', valueString: 'next of kin' }] },
            { name: 'gender', valueCode: 'female' },
          ],
        },
      }),
    );
    expect(result.contact).toEqual([
      {
        name: { text: 'a name' },
        telecom: [
          { system: 'phone', value: '1' },
          { system: 'email', value: 'e' },
        ],
        relationship: [{ text: 'next of kin' }],
        gender: 'female',
      },
    ]);
  });

  it('add builds an extension from parts, naming its value[x] by the value type', () => {
    const result = apply(
      patient(),
      operation('add', {
        path: 'Patient',
        name: 'extension',
        value: { part: [{ name: 'url', valueUri: 'http://example.org/other' }, { name: 'value', valueCode: 'c' }] },
      }),
    );
    expect(result.extension![1]).toEqual({ url: 'http://example.org/other', valueCode: 'c' });
  });

  it('add fails when a part names an element the type does not define', () => {
    const error = thrownFhirError(() =>
      apply(patient(), add('Patient', 'contact', { part: [{ name: 'nickname', valueString: 'x' }] })),
    );
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain("Patient.contact has no element 'nickname'");
  });

  it('add fails when the name is not an element of the type', () => {
    const error = thrownFhirError(() => apply(patient(), add('Patient', 'nickname', { valueString: 'x' })));
    expect(error.kind).toBe('unprocessable');
  });

  it('add fails when the path matches nothing', () => {
    const error = thrownFhirError(() => apply(patient(), add("Patient.name.where(use='old')", 'given', { valueString: 'x' })));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain('matches nothing');
  });

  it('add fails when the path matches two elements', () => {
    const error = thrownFhirError(() => apply(patient(), add('Patient.name', 'given', { valueString: 'x' })));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain('matches 2 elements');
  });

  it('add adds to an element found by a where() filter (extension by url)', () => {
    const result = apply(
      patient(),
      add("Patient.extension.where(url='http://example.org/ext')", 'extension', {
        part: [
          { name: 'url', valueUri: 'sub' },
          { name: 'valueInteger', valueInteger: 3 },
        ],
      }),
    );
    expect(result.extension![0].extension).toEqual([{ url: 'sub', valueInteger: 3 }]);
  });
});

describe('FHIRPath Patch: insert', () => {
  const identifier = { valueIdentifier: { system: 'urn:new', value: '0' } };

  it('insert puts the value at the index and shifts the rest', () => {
    const result = apply(patient(), insert('Patient.identifier', 1, identifier));
    expect(result.identifier!.map((i) => i.system)).toEqual(['urn:a', 'urn:new', 'urn:b']);
  });

  it('insert at the list length appends', () => {
    const result = apply(patient(), insert('Patient.identifier', 2, identifier));
    expect(result.identifier![2].system).toBe('urn:new');
  });

  it('insert into an absent list at index 0 starts the list', () => {
    const result = apply(patient(), insert('Patient.name[1].suffix', 0, { valueString: 'Jr' }));
    expect(result.name![1].suffix).toEqual(['Jr']);
  });

  it('insert builds a backbone element from parts', () => {
    const result = apply(
      patient(),
      insert('Patient.communication', 0, {
        part: [
          { name: 'language', valueCodeableConcept: { text: 'fr' } },
          { name: 'preferred', valueBoolean: true },
        ],
      }),
    );
    expect(result.communication).toEqual([{ language: { text: 'fr' }, preferred: true }]);
  });

  it('insert fails when the index is past the end of the list', () => {
    const error = thrownFhirError(() => apply(patient(), insert('Patient.identifier', 3, identifier)));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain('index 3 is out of range');
  });

  it('insert fails when the path is not a list', () => {
    const error = thrownFhirError(() => apply(patient(), insert('Patient.birthDate', 0, { valueDate: '2000-01-01' })));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain('Patient.birthDate is not a list');
  });

  it('insert fails when the path does not end in an element name', () => {
    const error = thrownFhirError(() => apply(patient(), insert('Patient.identifier.first()', 0, identifier)));
    expect(error.kind).toBe('bad-request');
  });
});

describe('FHIRPath Patch: delete', () => {
  it('delete removes a single element', () => {
    const result = apply(patient(), del('Patient.birthDate'));
    expect(result).not.toHaveProperty('birthDate');
  });

  it('delete removes one item of a list', () => {
    const result = apply(patient(), del("Patient.telecom.where(system='phone')"));
    expect(result.telecom).toEqual([{ system: 'email', value: 'p@example.org' }]);
  });

  it('delete of the last item removes the emptied list', () => {
    const result = apply(patient(), del("Patient.extension.where(url='http://example.org/ext')"));
    expect(result).not.toHaveProperty('extension');
  });

  it('delete of a path that matches nothing is not an error', () => {
    const input = patient();
    expect(apply(input, del('Patient.gender'))).toEqual(input);
  });

  it('delete fails when the path matches two elements', () => {
    const error = thrownFhirError(() => apply(patient(), del('Patient.name.given')));
    expect(error.kind).toBe('unprocessable');
  });
});

describe('FHIRPath Patch: replace', () => {
  it('replace sets the value of a single element', () => {
    const result = apply(patient(), replace('Patient.birthDate', { valueDate: '1930-01-01' }));
    expect(result.birthDate).toBe('1930-01-01');
  });

  it('replace sets one item of a list', () => {
    const result = apply(patient(), replace('Patient.name[0].given[1]', { valueString: 'Jimmy' }));
    expect(result.name![0].given).toEqual(['Peter', 'Jimmy']);
  });

  it('replace sets a complex element found by where()', () => {
    const phone = { valueContactPoint: { system: 'phone', value: '555-0000' } };
    const result = apply(patient(), replace("Patient.telecom.where(system='phone')", phone));
    expect(result.telecom![0].value).toBe('555-0000');
  });

  it('replace sets a choice element of a backbone element by its typed name', () => {
    const quantity = { valueQuantity: { value: 85, unit: 'mmHg' } };
    const result = apply(observation(), replace('Observation.component[1].valueQuantity', quantity));
    expect(result.component![1].valueQuantity).toEqual({ value: 85, unit: 'mmHg' });
  });

  it('replace may change the type of a choice element', () => {
    const result = apply(observation(), replace('Observation.value', { valueString: 'normal' }));
    expect(result.valueString).toBe('normal');
    expect(result).not.toHaveProperty('valueQuantity');
  });

  it('replace builds a complex value from parts using the element type', () => {
    const name = { part: [{ name: 'given', valueString: 'Jimbo' }, { name: 'family', valueString: 'C' }] };
    const result = apply(patient(), replace('Patient.name[1]', name));
    expect(result.name![1]).toEqual({ given: ['Jimbo'], family: 'C' });
  });

  it('replace fails when the path matches two elements', () => {
    const error = thrownFhirError(() => apply(patient(), replace('Patient.name.given', { valueString: 'x' })));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain('matches 3 elements');
  });

  it('replace fails when the path matches nothing', () => {
    const error = thrownFhirError(() => apply(patient(), replace('Patient.gender', { valueCode: 'male' })));
    expect(error.kind).toBe('unprocessable');
  });
});

describe('FHIRPath Patch: move', () => {
  it('move moves an item from the source index to the destination index', () => {
    const result = apply(patient(), move('Patient.identifier', 0, 1));
    expect(result.identifier!.map((i) => i.system)).toEqual(['urn:b', 'urn:a']);
  });

  it('move fails when the source or destination is out of range', () => {
    const tooFar = thrownFhirError(() => apply(patient(), move('Patient.identifier', 0, 2)));
    expect(tooFar.kind).toBe('unprocessable');
    expect(tooFar.outcome.issue[0].diagnostics).toContain('destination 2 is out of range');
    const empty = thrownFhirError(() => apply(patient(), move('Patient.photo', 0, 0)));
    expect(empty.kind).toBe('unprocessable');
  });
});

describe('FHIRPath Patch: the resource id and type', () => {
  it('refuses to replace, delete or add the resource id (400)', () => {
    for (const op of [
      replace('Patient.id', { valueId: 'other' }),
      del('Patient.id'),
      add('Patient', 'resourceType', { valueString: 'Group' }),
    ]) {
      const error = thrownFhirError(() => apply(patient(), op));
      expect(error.kind).toBe('bad-request');
    }
    const noId = { ...patient(), id: undefined };
    expect(thrownFhirError(() => apply(noId, add('Patient', 'id', { valueId: 'x' }))).kind).toBe('bad-request');
  });

  it('allows changing the id of a contained resource', () => {
    const withContained = { ...patient(), contained: [{ resourceType: 'Organization', id: 'o' }] } as Patient;
    const result = apply(withContained, replace('Patient.contained[0].id', { valueString: 'org' }));
    expect(result.contained![0].id).toBe('org');
  });
});

describe('FHIRPath Patch: the whole patch', () => {
  it('applies operations in order, each to the result of the ones before', () => {
    const result = apply(
      patient(),
      del("Patient.name.where(use='usual')"),
      add('Patient.name[0]', 'given', { valueString: 'Jay' }),
      move('Patient.name[0].given', 2, 0),
      replace('Patient.name.given.first()', { valueString: 'J' }),
    );
    expect(result.name).toEqual([{ use: 'official', family: 'Chalmers', given: ['J', 'Peter', 'James'] }]);
  });

  it('does not mutate the input resource or the Parameters, even when an operation fails', () => {
    const input = patient();
    const snapshot = structuredClone(input);
    const contact = { name: 'name', valueHumanName: { text: 'n' } };
    const parameters = fhirPatch(add('Patient', 'contact', { part: [contact] }));
    const parametersSnapshot = structuredClone(parameters);
    const result = applyFhirPathPatch(input, parameters) as Patient;
    result.contact![0].name!.text = 'changed';
    expect(input).toEqual(snapshot);
    expect(parameters).toEqual(parametersSnapshot);
    thrownFhirError(() => apply(input, del('Patient.birthDate'), del('Patient.name')));
    expect(input).toEqual(snapshot);
  });

  it('names the failing operation in diagnostics and expression', () => {
    const error = thrownFhirError(() =>
      apply(patient(), del('Patient.birthDate'), replace('Patient.gender', { valueCode: 'male' })),
    );
    expect(error.outcome.issue[0]).toMatchObject({
      code: 'processing',
      expression: ['Parameters.parameter[1]'],
      diagnostics: expect.stringMatching(
        /^FHIRPath Patch operation 1 \(replace Patient.gender\): path 'Patient.gender' matches nothing/,
      ),
    });
  });

  it('rejects a path that selects computed values rather than elements (400)', () => {
    const error = thrownFhirError(() => apply(patient(), replace("Patient.birthDate + 'x'", { valueString: 'x' })));
    expect(error.kind).toBe('bad-request');
  });
});
