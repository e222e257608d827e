import type { Patient } from 'fhir/r4';
import { thrownFhirError } from '../errors/fhir-error.test-support';
import { applyJsonPatch } from './json-patch';

const patient = (): Patient => ({
  resourceType: 'Patient',
  id: 'p1',
  active: true,
  name: [{ family: 'Chalmers', given: ['Peter', 'James'] }],
  birthDate: '1974-12-25',
});

const apply = (patch: unknown) => applyJsonPatch(patient(), patch) as Patient;

describe('JSON Patch (RFC 6902): operations', () => {
  it('add sets a member, inserts into an array and appends with -', () => {
    const result = apply([
      { op: 'add', path: '/gender', value: 'male' },
      { op: 'add', path: '/name/0/given/0', value: 'Pete' },
      { op: 'add', path: '/name/-', value: { text: 'Jim' } },
    ]);
    expect(result.gender).toBe('male');
    expect(result.name).toEqual([{ family: 'Chalmers', given: ['Pete', 'Peter', 'James'] }, { text: 'Jim' }]);
  });

  it('remove, replace, move and copy edit the resource in order', () => {
    const result = apply([
      { op: 'replace', path: '/birthDate', value: '1930-01-01' },
      { op: 'remove', path: '/active' },
      { op: 'move', from: '/name/0/given/1', path: '/name/0/given/0' },
      { op: 'copy', from: '/name/0', path: '/name/1' },
    ]);
    expect(result).toEqual({
      resourceType: 'Patient',
      id: 'p1',
      name: [
        { family: 'Chalmers', given: ['James', 'Peter'] },
        { family: 'Chalmers', given: ['James', 'Peter'] },
      ],
      birthDate: '1930-01-01',
    });
  });

  it('test passes when the value at path equals the given value, and the patch goes on', () => {
    const result = apply([
      { op: 'test', path: '/name/0/given', value: ['Peter', 'James'] },
      { op: 'test', path: '/id', value: 'p1' },
      { op: 'replace', path: '/active', value: false },
    ]);
    expect(result.active).toBe(false);
  });

  it('ignores members an operation does not define (RFC 6902 section 4)', () => {
    expect(apply([{ op: 'remove', path: '/active', value: 'ignored', note: 'x' }])).not.toHaveProperty('active');
  });

  it('allows meta to be patched (the repository overwrites what it owns)', () => {
    const meta = { tag: [{ code: 't' }] };
    expect(apply([{ op: 'add', path: '/meta', value: meta }]).meta).toEqual(meta);
  });
});

describe('JSON Patch: operations that cannot apply to the resource (422)', () => {
  it('a failing test fails the whole patch with 422', () => {
    const error = thrownFhirError(() =>
      apply([
        { op: 'replace', path: '/active', value: false },
        { op: 'test', path: '/birthDate', value: '2000-01-01' },
      ]),
    );
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0]).toMatchObject({
      code: 'processing',
      expression: ['/1'],
      diagnostics:
        "JSON Patch operation 1 (test /birthDate): 'test' failed: the value at 'path' is not the given value",
    });
  });

  it.each([
    ['replace of a missing member', { op: 'replace', path: '/gender', value: 'male' }, "'path' does not exist"],
    ['remove of a missing array item', { op: 'remove', path: '/name/3' }, "'path' does not exist"],
    ['add under a missing parent', { op: 'add', path: '/contact/0/name', value: {} }, "parent of 'path' does not exist"],
    ['add past the end of an array', { op: 'add', path: '/name/0/given/5', value: 'x' }, 'past the end'],
    ['an array index that is not a number', { op: 'add', path: '/name/first', value: {} }, 'not a number'],
    ['move from a missing member', { op: 'move', from: '/gender', path: '/birthDate' }, "'from' does not exist"],
  ])('%s is 422', (_, operation, reason) => {
    const error = thrownFhirError(() => apply([operation]));
    expect(error.kind).toBe('unprocessable');
    expect(error.outcome.issue[0].diagnostics).toContain(reason);
    expect(error.outcome.issue[0].diagnostics).not.toContain('Chalmers');
  });
});

describe('JSON Patch: malformed documents (400)', () => {
  it.each([
    ['a document that is not an array', { op: 'add', path: '/a', value: 1 }, 'must be a JSON array'],
    ['an operation that is not an object', ['add'], 'must be a JSON object'],
    ['an unknown op', [{ op: 'merge', path: '/a', value: 1 }], "'op' must be one of"],
    ['a missing path', [{ op: 'remove' }], "'path' must be a JSON Pointer"],
    ['a path not starting with /', [{ op: 'remove', path: 'active' }], "must be empty or start with '/'"],
    ['a bad ~ escape', [{ op: 'remove', path: '/a~2b' }], "'~'"],
    ['a missing value', [{ op: 'add', path: '/gender' }], "'add' needs a 'value'"],
    ['a missing from', [{ op: 'copy', path: '/gender' }], "'from' must be a JSON Pointer"],
    ['a move into its own child', [{ op: 'move', from: '/name/0', path: '/name/0/given' }], 'proper prefix'],
    ['an index with a leading zero', [{ op: 'remove', path: '/name/01' }], 'leading zero'],
    ['a prototype token', [{ op: 'add', path: '/__proto__/x', value: 1 }], 'not a FHIR element'],
    ['a whole-resource replace', [{ op: 'replace', path: '', value: {} }], 'whole resource'],
  ])('%s is 400', (_, patch, reason) => {
    const error = thrownFhirError(() => apply(patch));
    expect(error.kind).toBe('bad-request');
    expect(error.outcome.issue[0].diagnostics).toContain(reason);
  });

  it('names the malformed operation by index', () => {
    const error = thrownFhirError(() => apply([{ op: 'remove', path: '/active' }, { op: 'add', path: '/gender' }]));
    expect(error.outcome.issue[0]).toMatchObject({
      expression: ['/1'],
      diagnostics: expect.stringMatching(/^JSON Patch operation 1 \(add \/gender\)/),
    });
  });
});

describe('JSON Patch: the resource id and type', () => {
  it.each([
    [{ op: 'replace', path: '/id', value: 'other' }],
    [{ op: 'remove', path: '/id' }],
    [{ op: 'add', path: '/id', value: 'other' }],
    [{ op: 'move', from: '/id', path: '/language' }],
    [{ op: 'copy', from: '/birthDate', path: '/id' }],
    [{ op: 'replace', path: '/resourceType', value: 'Group' }],
  ])('refuses %j with 400', (operation) => {
    const error = thrownFhirError(() => apply([operation]));
    expect(error.kind).toBe('bad-request');
    expect(error.outcome.issue[0].diagnostics).toMatch(/resource id|resourceType of a resource/);
  });

  it('allows reading them with test and copy', () => {
    const result = apply([
      { op: 'test', path: '/resourceType', value: 'Patient' },
      { op: 'copy', from: '/id', path: '/language' },
    ]);
    expect(result.language).toBe('p1');
  });
});

describe('JSON Patch: no shared state', () => {
  it('does not mutate the input resource or the patch, and shares no objects with either', () => {
    const input = patient();
    const value = { family: 'New' };
    const patch = [{ op: 'add', path: '/name/-', value }, { op: 'replace', path: '/name/0/family', value: 'C' }];
    const result = applyJsonPatch(input, patch) as Patient;
    expect(input).toEqual(patient());
    expect(patch[0].value).toEqual({ family: 'New' });
    result.name![1].family = 'changed';
    expect(value.family).toBe('New');
  });

  it('leaves the input untouched when an operation fails half way', () => {
    const input = patient();
    thrownFhirError(() => applyJsonPatch(input, [{ op: 'remove', path: '/active' }, { op: 'test', path: '/id', value: 'x' }]));
    expect(input).toEqual(patient());
  });
});
