import type { OperationOutcomeIssue } from 'fhir/r4';
import { FhirError, isFhirError, type ErrorKind, type IssueInput } from '../errors/fhir-error';
import type { BundleEntryRequest } from './bundle-entry';

/** How an error kind is answered over HTTP; the one mapping lives in the HTTP layer and is handed in. */
export type StatusOf = (kind: ErrorKind) => number;

/**
 * The error a transaction fails with when one of its entries fails (R4 http.html#transaction-response: "the
 * server SHALL return a single OperationOutcome"): the same kind, so the same HTTP status as the entry's own, with
 * a first issue naming the entry by index, fullUrl and request, then the entry's own issues. Their expressions
 * about the entry's resource (`Observation.status`) are given from the Bundle (`Bundle.entry[3].resource.status`):
 * in a transaction of a thousand Observations the first form does not say which one. Errors that are not
 * FhirErrors (a store conflict that makes the store run the transaction again, say) pass through untouched.
 */
export function entryFailure(
  entry: Pick<BundleEntryRequest, 'index' | 'fullUrl' | 'method' | 'rawUrl' | 'resource'>,
  error: unknown,
  statusOf: StatusOf,
): unknown {
  if (!isFhirError(error)) return error;
  const status = statusOf(error.kind);
  const named = entry.fullUrl === undefined ? `entry ${entry.index}` : `entry ${entry.index} (fullUrl ${entry.fullUrl})`;
  const first: IssueInput = {
    code: error.outcome.issue[0]?.code ?? 'processing',
    diagnostics: `The transaction failed at ${named}, ${entry.method} ${entry.rawUrl}, with status ${status}: nothing was written`,
    expression: `Bundle.entry[${entry.index}]`,
  };
  const inBundle = fromBundle(entry);
  return new FhirError(error.kind, [first, ...error.outcome.issue.map((issue) => ({ ...asInput(issue), expression: issue.expression?.map(inBundle) }))]);
}

/** Maps an expression rooted at the entry's resource type to the same element under `Bundle.entry[i].resource`. */
function fromBundle(entry: Pick<BundleEntryRequest, 'index' | 'resource'>): (expression: string) => string {
  const type = (entry.resource as { resourceType?: unknown } | undefined)?.resourceType;
  if (typeof type !== 'string') return (expression) => expression;
  return (expression) => {
    const rest = expression.slice(type.length);
    return expression.startsWith(type) && (rest === '' || rest[0] === '.' || rest[0] === '[') ? `Bundle.entry[${entry.index}].resource${rest}` : expression;
  };
}

/** Runs one entry's work and names the entry in its failure. */
export async function asEntry<T>(entry: BundleEntryRequest, statusOf: StatusOf, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw entryFailure(entry, e, statusOf);
  }
}

function asInput(issue: OperationOutcomeIssue): IssueInput {
  return { severity: issue.severity, code: issue.code, diagnostics: issue.diagnostics ?? '', expression: issue.expression };
}
