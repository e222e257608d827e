import { FhirError, badRequest, notFound, operationOutcome } from './fhir-error';

describe('FhirError', () => {
  it('carries an OperationOutcome with severity, code, diagnostics and expression', () => {
    const error = badRequest('Patient.gender must be a code', 'Patient.gender');
    expect(error).toBeInstanceOf(FhirError);
    expect(error.kind).toBe('bad-request');
    expect(error.outcome).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Patient.gender must be a code', expression: ['Patient.gender'] }],
    });
  });

  it('names the resource in not-found diagnostics', () => {
    expect(notFound('Patient', 'abc').outcome.issue[0].diagnostics).toBe('Patient/abc is not known');
    expect(notFound('Foo').outcome.issue[0].diagnostics).toBe("Unknown resource type 'Foo'");
  });

  it('omits expression when none is given', () => {
    expect(operationOutcome([{ code: 'processing', diagnostics: 'x' }]).issue[0]).not.toHaveProperty('expression');
  });
});
