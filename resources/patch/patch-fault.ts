import { badRequest, unprocessable, type FhirError, type IssueType } from '../errors/fhir-error';

/**
 * Why one patch operation failed, before the caller names the operation. Both patch formats report the failing
 * operation the same way, so the helpers below only say what is wrong and `toFhirError` says where.
 *
 * The status follows the spec's patch section (http://hl7.org/fhir/R4/http.html#patch) and HAPI FHIR:
 * a malformed patch document is a 400; a well-formed patch that cannot apply to this resource is a 422.
 */
export class PatchFault extends Error {
  constructor(
    readonly status: 'bad-request' | 'unprocessable',
    message: string,
    readonly code: IssueType,
  ) {
    super(message);
    this.name = 'PatchFault';
  }

  /** `label` names the operation (`FHIRPath Patch operation 1 (add Patient)`), `expression` locates it. */
  toFhirError(label: string, expression: string): FhirError {
    const diagnostics = `${label}: ${this.message}`;
    return this.status === 'bad-request'
      ? badRequest(diagnostics, expression, this.code)
      : unprocessable([{ code: this.code, diagnostics, expression }]);
  }
}

/** The patch document itself is wrong, whatever the resource (400). */
export const malformed = (message: string) => new PatchFault('bad-request', message, 'invalid');

/** The patch is well formed but does not fit this resource (422). */
export const notApplicable = (message: string, code: IssueType = 'processing') =>
  new PatchFault('unprocessable', message, code);
