import { isFhirError, type FhirError } from './fhir-error';

/** The FhirError `fn` throws (for tests); any other outcome fails the test. */
export function thrownFhirError(fn: () => unknown): FhirError {
  try {
    fn();
  } catch (e) {
    if (isFhirError(e)) return e;
    throw e;
  }
  throw new Error('expected a FhirError');
}
