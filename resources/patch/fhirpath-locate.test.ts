import type { PatchFault } from './patch-fault';
import { locate, locateList, selectNodes, selectOne, typeOf, type Json } from './fhirpath-locate';

const patient: Json = {
  resourceType: 'Patient',
  name: [
    { use: 'official', given: ['Peter', 'James'] },
    { use: 'usual', given: ['Jim'] },
  ],
  telecom: [{ system: 'email', value: 'e' }, { system: 'phone', value: '1' }],
  contact: [{ name: { family: 'F' } }],
  extension: [
    { url: 'http://example.org/a', valueString: 'a' },
    { url: 'http://example.org/b', valueCodeableConcept: { text: 'b' } },
  ],
  contained: [{ resourceType: 'Organization', id: 'o', name: 'Org' }],
};

const observation: Json = {
  resourceType: 'Observation',
  component: [{ valueString: 'x' }, { valueQuantity: { value: 80 } }],
};

function fault(fn: () => unknown): PatchFault {
  try {
    fn();
  } catch (e) {
    return e as PatchFault;
  }
  throw new Error('expected a PatchFault');
}

describe('locating the JSON of FHIRPath results', () => {
  it('locates list items selected by an index: Patient.name[0].given', () => {
    const nodes = selectNodes(patient, 'Patient.name[0].given');
    const locations = nodes.map(locate).map(({ parent, key, index, parentType }) => ({ parent, key, index, parentType }));
    expect(locations).toEqual([
      { parent: (patient.name as Json[])[0], key: 'given', index: 0, parentType: 'HumanName' },
      { parent: (patient.name as Json[])[0], key: 'given', index: 1, parentType: 'HumanName' },
    ]);
  });

  it.each([
    ["Patient.name.where(use='usual')", 'name', 1],
    ["Patient.telecom.where(system='phone')", 'telecom', 1],
    ["Patient.extension.where(url='http://example.org/b')", 'extension', 1],
  ])('locates %s in its list', (path, key, index) => {
    const location = locate(selectOne(patient, path, ''));
    expect(location).toMatchObject({ parent: patient, parentType: 'Patient', key, index });
    expect(location.info?.max).toBe('*');
  });

  it('locates a choice element by its typed JSON name, however the path names it', () => {
    const component = (observation.component as Json[])[1];
    for (const path of ['Observation.component[1].valueQuantity', 'Observation.component[1].value']) {
      expect(locate(selectOne(observation, path, ''))).toMatchObject({
        parent: component,
        parentType: 'Observation.component',
        key: 'valueQuantity',
        index: undefined,
      });
    }
    expect(locate(selectOne(patient, "Patient.extension.where(url='http://example.org/b').value", ''))).toMatchObject({
      parentType: 'Extension',
      key: 'valueCodeableConcept',
    });
  });

  it('types nodes from the definitions: backbone elements by path, contained resources by resourceType', () => {
    expect(typeOf(selectOne(patient, 'Patient.contact', ''))).toBe('Patient.contact');
    expect(typeOf(selectOne(patient, 'Patient.contact.name', ''))).toBe('HumanName');
    expect(typeOf(selectOne(patient, 'Patient.contained[0]', ''))).toBe('Organization');
    expect(typeOf(selectOne(observation, 'Observation.component[1].value', ''))).toBe('Quantity');
    const containedName = locate(selectOne(patient, 'Patient.contained.name', ''));
    expect(containedName).toMatchObject({ parentType: 'Organization', key: 'name' });
  });

  it('finds a list from its parent, even when the list is absent', () => {
    expect(locateList(patient, 'Patient.name[1].given', 'insert')).toMatchObject({
      key: 'given',
      items: ['Jim'],
      itemType: 'string',
    });
    expect(locateList(patient, 'Patient.identifier', 'insert')).toMatchObject({
      parent: patient,
      key: 'identifier',
      items: [],
      itemType: 'Identifier',
    });
  });

  it('refuses a list path whose parent is ambiguous or whose element is not a list', () => {
    expect(fault(() => locateList(patient, 'Patient.name.given', 'move')).message).toContain('matches 2 elements');
    const notList = fault(() => locateList(patient, 'Patient.gender', 'move'));
    expect(notList.message).toContain('Patient.gender is not a list');
    expect(fault(() => locateList(patient, 'Patient', 'move')).status).toBe('bad-request');
  });

  it('refuses paths that compute values or cannot be evaluated', () => {
    expect(fault(() => selectNodes(patient, 'Patient.name.count()')).status).toBe('bad-request');
    expect(fault(() => selectNodes(patient, 'Patient.name.given.single()')).status).toBe('bad-request');
  });

  it('does not locate extensions of primitive values (422, not supported)', () => {
    const extension = [{ url: 'u', valueString: 'x' }];
    const withExtension = { resourceType: 'Patient', birthDate: '2000', _birthDate: { extension } };
    const problem = fault(() => locate(selectOne(withExtension, 'Patient.birthDate.extension', '')));
    expect(problem).toMatchObject({ status: 'unprocessable', code: 'not-supported' });
  });

  it('evaluates %resource to the resource being patched', () => {
    expect(selectNodes(patient, '%resource.name')).toHaveLength(2);
  });
});
