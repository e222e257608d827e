import type { OperationOutcomeIssue } from 'fhir/r4';
import { isFhirError } from '../../resources/errors/fhir-error';
import type { ResourceValidator } from './resource-validator';

/** The issues a validator reports for a resource; none when it is valid (for tests). */
export function issuesOf(validator: ResourceValidator, resource: unknown): OperationOutcomeIssue[] {
  try {
    validator.validate(resource);
  } catch (e) {
    if (isFhirError(e)) return e.outcome.issue;
    throw e;
  }
  return [];
}
