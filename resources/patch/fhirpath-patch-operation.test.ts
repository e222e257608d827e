import { thrownFhirError } from '../errors/fhir-error.test-support';
import { parseFhirPathPatch } from './fhirpath-patch-operation';

const parameters = (...part: object[][]) => ({
  resourceType: 'Parameters',
  parameter: part.map((p) => ({ name: 'operation', part: p })),
});
const type = (code: string) => ({ name: 'type', valueCode: code });
const path = (value: string) => ({ name: 'path', valueString: value });
const int = (name: string, valueInteger: number) => ({ name, valueInteger });
const value = (v: object) => ({ name: 'value', ...v });

describe('parseFhirPathPatch: the parts each operation type takes (fhirpatch.html table)', () => {
  it('reads every operation type with its parts', () => {
    const operations = parseFhirPathPatch(
      parameters(
        [type('add'), path('Patient'), { name: 'name', valueString: 'birthDate' }, value({ valueDate: '1930-01-01' })],
        [type('insert'), path('Patient.identifier'), int('index', 0), value({ valueIdentifier: { value: '1' } })],
        [type('delete'), path('Patient.birthDate')],
        [type('replace'), path('Patient.active'), { name: 'value', valueBoolean: true }],
        [type('move'), path('Patient.identifier'), int('source', 1), int('destination', 0)],
      ),
    );
    expect(operations).toEqual([
      { type: 'add', path: 'Patient', name: 'birthDate', value: { kind: 'typed', suffix: 'Date', json: '1930-01-01' } },
      {
        type: 'insert',
        path: 'Patient.identifier',
        index: 0,
        value: { kind: 'typed', suffix: 'Identifier', json: { value: '1' } },
      },
      { type: 'delete', path: 'Patient.birthDate' },
      { type: 'replace', path: 'Patient.active', value: { kind: 'typed', suffix: 'Boolean', json: true } },
      { type: 'move', path: 'Patient.identifier', source: 1, destination: 0 },
    ]);
  });

  it('reads a value given as nested parts, and a resource value', () => {
    const [add, insert] = parseFhirPathPatch(
      parameters(
        [
          type('add'),
          path('Patient'),
          { name: 'name', valueString: 'contact' },
          value({ part: [{ name: 'name', part: [{ name: 'text', valueString: 'n' }] }] }),
        ],
        [type('insert'), path('Patient.contained'), int('index', 0), value({ resource: { resourceType: 'Organization' } })],
      ),
    );
    const text = { name: 'text', value: { kind: 'typed', suffix: 'String', json: 'n' } };
    expect(add).toMatchObject({ value: { kind: 'parts', parts: [{ name: 'name', value: { kind: 'parts', parts: [text] } }] } });
    expect(insert).toMatchObject({ value: { kind: 'resource', json: { resourceType: 'Organization' } } });
  });

  it('accepts a Parameters resource without operations (an empty patch)', () => {
    expect(parseFhirPathPatch({ resourceType: 'Parameters' })).toEqual([]);
  });
});

describe('parseFhirPathPatch: malformed documents are 400, naming the operation', () => {
  it.each([
    ['a body that is not Parameters', { resourceType: 'Patient' }, 'must be a Parameters resource'],
    [
      'a parameter not named operation',
      { resourceType: 'Parameters', parameter: [{ name: 'op', part: [] }] },
      "named 'operation'",
    ],
    ['an operation without parts', { resourceType: 'Parameters', parameter: [{ name: 'operation' }] }, "'part' list"],
    ['an unknown type', parameters([type('copy'), path('Patient')]), "type 'copy' is not one of"],
    ['a missing type', parameters([path('Patient')]), "needs a 'type' part"],
    ['a missing part', parameters([type('replace'), path('Patient.active')]), "'replace' needs a 'value' part"],
    [
      'a part the type does not take',
      parameters([type('delete'), path('Patient.active'), { name: 'index', valueInteger: 0 }]),
      "'delete' takes no 'index' part",
    ],
    [
      'an unknown part',
      parameters([type('delete'), path('Patient.active'), { name: 'where', valueString: 'x' }]),
      "unknown name 'where'",
    ],
    [
      'a repeated part',
      parameters([type('delete'), path('Patient.active'), path('Patient.gender')]),
      "'path' part is repeated",
    ],
    ['an empty path', parameters([type('delete'), path('')]), 'non-empty valueString'],
    [
      'a FHIRPath syntax error',
      parameters([type('delete'), path('Patient.name.where(')]),
      'not a valid FHIRPath expression',
    ],
    [
      'a negative index',
      parameters([type('insert'), path('Patient.name'), int('index', -1), value({ valueString: 'x' })]),
      'valueInteger of 0 or more',
    ],
    [
      'a value with two value[x]',
      parameters([type('replace'), path('Patient.active'), { name: 'value', valueBoolean: true, valueString: 'x' }]),
      'exactly one of value[x], resource or part',
    ],
    [
      'a value without a value',
      parameters([type('replace'), path('Patient.active'), { name: 'value' }]),
      'exactly one of',
    ],
    [
      'a value part without a name',
      parameters([type('replace'), path('Patient.name[0]'), { name: 'value', part: [{ valueString: 'x' }] }]),
      'must be an object with a name',
    ],
    [
      'a primitive extension on a value',
      parameters([type('replace'), path('Patient.active'), { name: 'value', _valueBoolean: {} }]),
      'extensions on primitive values are not supported',
    ],
  ])('%s', (_, document, reason) => {
    const error = thrownFhirError(() => parseFhirPathPatch(document));
    expect(error.kind).toBe('bad-request');
    expect(error.outcome.issue[0].diagnostics).toContain(reason);
  });

  it('locates the malformed operation', () => {
    const document = parameters([type('delete'), path('Patient.active')], [type('delete')]);
    const error = thrownFhirError(() => parseFhirPathPatch(document));
    expect(error.outcome.issue[0]).toMatchObject({
      expression: ['Parameters.parameter[1]'],
      diagnostics: expect.stringMatching(/^FHIRPath Patch operation 1: /),
    });
  });
});
