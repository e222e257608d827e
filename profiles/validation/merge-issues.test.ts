import type { IssueInput } from '../../resources/errors/fhir-error';
import { mergeIssues } from './merge-issues';

const issue = (code: IssueInput['code'], expression: string): IssueInput => ({ code, diagnostics: code, expression });

describe('mergeIssues: one issue per element problem', () => {
  it('keeps the first issue naming an element', () => {
    const merged = mergeIssues([issue('value', 'Patient.gender'), issue('invalid', 'Patient.gender')], [issue('structure', 'Patient.gender')]);
    expect(merged).toEqual([issue('value', 'Patient.gender')]);
  });

  it('drops empty-value issues inside an element reported as unknown or of the wrong type', () => {
    const merged = mergeIssues([issue('structure', 'Patient.foo')], [issue('structure', 'Patient.foo.bar'), issue('structure', 'Patient.foo[0]')]);
    expect(merged).toEqual([issue('structure', 'Patient.foo')]);
  });

  it('keeps empty-value issues inside an element that has another kind of problem', () => {
    const merged = mergeIssues([issue('invariant', 'Patient.contained[0]')], [issue('structure', 'Patient.contained[0].name[0]')]);
    expect(merged).toHaveLength(2);
  });

  it('does not mistake a longer name for a child', () => {
    const merged = mergeIssues([issue('structure', 'Patient.name')], [issue('structure', 'Patient.names')]);
    expect(merged).toHaveLength(2);
  });
});
