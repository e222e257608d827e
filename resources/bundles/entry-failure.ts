import type { OperationOutcomeIssue } from 'fhir/r4';
import { FhirError, isFhirError, type ErrorKind, type IssueInput } from '../errors/fhir-error';
import type { BundleEntryRequest } from './bundle-entry';

/** How an error kind is answered over HTTP; the one mapping lives in the HTTP layer and is handed in. */
export type StatusOf = (kind: ErrorKind) => number;

/**
 * The error a transaction fails with when one of its entries fails (R4 http.html#transaction-response: "the
 * server SHALL return a single OperationOutcome"): the same kind, so the same HTTP status as the entry's own, with
 * a first issue naming the entry by index, fullUrl and request, then the entry's own issues. Errors that are not
 * FhirErrors (a store conflict that makes the store run the transaction again, say) pass through untouched.
 */
export function entryFailure(entry: Pick<BundleEntryRequest, 'index' | 'fullUrl' | 'method' | 'rawUrl'>, error: unknown, statusOf: StatusOf): unknown {
  if (!isFhirError(error)) return error;
  const status = statusOf(error.kind);
  const named = entry.fullUrl === undefined ? `entry ${entry.index}` : `entry ${entry.index} (fullUrl ${entry.fullUrl})`;
  const first: IssueInput = {
    code: error.outcome.issue[0]?.code ?? 'processing',
    diagnostics: `The transaction failed at ${named}, ${entry.method} ${entry.rawUrl}, with status ${status}: nothing was written`,
    expression: `Bundle.entry[${entry.index}]`,
  };
  return new FhirError(error.kind, [first, ...error.outcome.issue.map(asInput)]);
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
