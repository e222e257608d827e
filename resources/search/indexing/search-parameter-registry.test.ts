import { readR4File } from '../../definitions/r4-files';
import { resourceTypes } from '../../definitions/resource-types';
import { searchParameterFor, searchParametersOf } from './search-parameter-registry';

describe('the R4 search parameter registry (searchparameter-registry.html)', () => {
  it('registers every R4 SearchParameter that has an expression for each of its base types', () => {
    const definitions = readR4File<{ entry: { resource: { url: string; expression?: string } }[] }>('search-parameters.json').entry;
    expect(definitions).toHaveLength(1378);
    const registered = new Set([...resourceTypes()].flatMap((t) => searchParametersOf(t).map((p) => p.url)));
    const withExpression = definitions.filter((d) => d.resource.expression).map((d) => d.resource.url);
    expect(withExpression).toHaveLength(1375);
    expect([...registered].sort()).toEqual([...withExpression].sort());
  });

  it('narrows a shared expression to the branches of one type', () => {
    const patient = searchParameterFor('Observation', 'patient')!;
    expect(patient).toMatchObject({ type: 'reference', expression: 'Observation.subject.where(resolve() is Patient)', target: ['Patient'] });
    expect(searchParameterFor('AllergyIntolerance', 'patient')?.expression).toBe('AllergyIntolerance.patient');
    expect(searchParameterFor('Observation', 'value-quantity')?.expression).toBe('(Observation.value as Quantity) | (Observation.value as SampledData)');
  });

  it('gives every resource type the Resource-level parameters', () => {
    for (const type of resourceTypes()) {
      for (const code of ['_id', '_lastUpdated', '_tag', '_profile', '_security', '_source']) expect(searchParameterFor(type, code)).toBeDefined();
    }
    expect(searchParameterFor('Patient', '_tag')).toMatchObject({ type: 'token', expression: 'Resource.meta.tag' });
  });

  it('marks _id and _lastUpdated as fields of the stored document', () => {
    expect(searchParameterFor('Patient', '_id')?.documentField).toBe('_id');
    expect(searchParameterFor('Patient', '_lastUpdated')?.documentField).toBe('lastUpdated');
    expect(searchParameterFor('Patient', '_tag')?.documentField).toBeUndefined();
  });

  it('has no parameters without an expression (_text, _content, _query)', () => {
    for (const code of ['_text', '_content', '_query']) expect(searchParameterFor('Patient', code)).toBeUndefined();
  });

  it('resolves composite components to the code and type of their definitions', () => {
    expect(searchParameterFor('Observation', 'component-code-value-quantity')).toMatchObject({
      type: 'composite',
      expression: 'Observation.component',
      component: [
        { code: 'component-code', type: 'token', expression: 'code' },
        { code: 'component-value-quantity', type: 'quantity', expression: 'value.as(Quantity)' },
      ],
    });
  });

  it("pairs DocumentReference relationship's components with elements of their own types", () => {
    expect(searchParameterFor('DocumentReference', 'relationship')?.component).toMatchObject([
      { code: 'relatesto', type: 'reference', expression: 'target' },
      { code: 'relation', type: 'token', expression: 'code' },
    ]);
  });

  it('keeps the target list when not every branch narrows it', () => {
    expect(searchParameterFor('Observation', 'subject')?.target).toEqual(expect.arrayContaining(['Patient', 'Group', 'Device', 'Location']));
  });

  it('knows nothing of unknown types and codes', () => {
    expect(searchParametersOf('NoSuchType')).toEqual([]);
    expect(searchParameterFor('Patient', 'no-such-code')).toBeUndefined();
  });
});
