import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

/**
 * What went wrong, as the FHIR engine sees it. The HTTP layer maps each kind to a status code in exactly
 * one place (server/http/status.ts); nothing under resources/ knows about HTTP.
 */
export type ErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'not-acceptable'
  | 'conflict'
  | 'gone'
  | 'precondition-failed'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'unprocessable'
  | 'too-many-requests'
  | 'unavailable'
  | 'internal';

export type IssueType = OperationOutcomeIssue['code'];

export interface IssueInput {
  severity?: OperationOutcomeIssue['severity'];
  code: IssueType;
  diagnostics: string;
  /** FHIRPath expression(s) of the element at fault, e.g. `Patient.name[0].given[1]`. */
  expression?: string | string[];
}

/** The one error type of the FHIR engine: a kind and the OperationOutcome that explains it. */
export class FhirError extends Error {
  readonly outcome: OperationOutcome;

  constructor(
    readonly kind: ErrorKind,
    issues: IssueInput | IssueInput[],
  ) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((i) => i.diagnostics).join('; '));
    this.name = 'FhirError';
    this.outcome = operationOutcome(list);
  }
}

export function operationOutcome(issues: IssueInput[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => {
      const issue: OperationOutcomeIssue = {
        severity: i.severity ?? 'error',
        code: i.code,
        diagnostics: i.diagnostics,
      };
      if (i.expression !== undefined) {
        issue.expression = Array.isArray(i.expression) ? i.expression : [i.expression];
      }
      return issue;
    }),
  };
}

export function isFhirError(e: unknown): e is FhirError {
  return e instanceof FhirError;
}

// Factories for the vocabulary of outcomes. Prefer these to `new FhirError` so messages stay uniform.

export const badRequest = (diagnostics: string, expression?: string | string[], code: IssueType = 'invalid') =>
  new FhirError('bad-request', { code, diagnostics, expression });

export const invalidResource = (issues: IssueInput[]) => new FhirError('bad-request', issues);

export const notFound = (type: string, id?: string) =>
  new FhirError('not-found', {
    code: 'not-found',
    diagnostics: id === undefined ? `Unknown resource type '${type}'` : `${type}/${id} is not known`,
  });

export const versionNotFound = (type: string, id: string, versionId: string) =>
  new FhirError('not-found', { code: 'not-found', diagnostics: `${type}/${id}/_history/${versionId} is not known` });

export const gone = (type: string, id: string, versionId: string) =>
  new FhirError('gone', { code: 'deleted', diagnostics: `${type}/${id} was deleted (version ${versionId})` });

export const conflict = (diagnostics: string) => new FhirError('conflict', { code: 'conflict', diagnostics });

export const preconditionFailed = (diagnostics: string) =>
  new FhirError('precondition-failed', { code: 'conflict', diagnostics });

export const multipleMatches = (diagnostics: string) =>
  new FhirError('precondition-failed', { code: 'multiple-matches', diagnostics });

export const forbidden = (diagnostics: string) => new FhirError('forbidden', { code: 'forbidden', diagnostics });

export const unauthorized = (diagnostics: string) => new FhirError('unauthorized', { code: 'login', diagnostics });

export const methodNotAllowed = (diagnostics: string) =>
  new FhirError('method-not-allowed', { code: 'not-supported', diagnostics });

export const notAcceptable = (diagnostics: string) =>
  new FhirError('not-acceptable', { code: 'not-supported', diagnostics });

export const unsupportedMediaType = (diagnostics: string) =>
  new FhirError('unsupported-media-type', { code: 'not-supported', diagnostics });

export const payloadTooLarge = (diagnostics: string) =>
  new FhirError('payload-too-large', { code: 'too-long', diagnostics });

export const unprocessable = (issues: IssueInput[]) => new FhirError('unprocessable', issues);

export const tooManyRequests = (diagnostics: string) =>
  new FhirError('too-many-requests', { code: 'throttled', diagnostics });

export const unavailable = (diagnostics: string) => new FhirError('unavailable', { code: 'transient', diagnostics });

export const internalError = (diagnostics: string) => new FhirError('internal', { code: 'exception', diagnostics });
