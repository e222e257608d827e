import { branchesFor, rootOf, splitUnion } from './expression-parts';

describe('SearchParameter expressions taken apart per resource type', () => {
  it('splits a union at its top level only', () => {
    expect(splitUnion("A.b | (C.d as Quantity) | E.f.where(g='x|y')")).toEqual(['A.b', '(C.d as Quantity)', "E.f.where(g='x|y')"]);
  });

  it('finds the type a branch starts from', () => {
    expect(rootOf('(Observation.value as Quantity)')).toBe('Observation');
    expect(rootOf('Resource.meta.tag')).toBe('Resource');
    expect(rootOf('%resource.referenceSeq')).toBe('%resource');
  });

  it("keeps a type's own branches and the Resource-wide ones", () => {
    const expression = 'AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | Observation.subject.where(resolve() is Patient)';
    expect(branchesFor(expression, 'Observation')).toEqual(['Observation.subject.where(resolve() is Patient)']);
    expect(branchesFor('Resource.meta.tag', 'Patient')).toEqual(['Resource.meta.tag']);
    expect(branchesFor(expression, 'Patient')).toEqual([]);
  });

  it('reads a branch that starts from an element as starting from the resource', () => {
    expect(branchesFor('name | alias', 'InsurancePlan')).toEqual(['InsurancePlan.name', 'InsurancePlan.alias']);
  });
});
