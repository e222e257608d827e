import type { IssueInput } from '../../resources/errors/fhir-error';

/**
 * One issue per element problem. Schema, reference and invariant issues come first and win over later ones
 * naming the same element. The JSON rules only add what they alone see: an empty value at an element already
 * reported, or inside an element reported as unknown or of the wrong type, is the same problem told twice.
 */
export function mergeIssues(ruleIssues: readonly IssueInput[], jsonIssues: readonly IssueInput[]): IssueInput[] {
  const merged: IssueInput[] = [];
  const reported = new Set<string>();
  const malformed: string[] = [];
  for (const issue of ruleIssues) {
    const key = expressionKey(issue);
    if (key !== undefined && reported.has(key)) continue;
    if (key !== undefined) reported.add(key);
    if (key !== undefined && issue.code === 'structure') malformed.push(key);
    merged.push(issue);
  }
  for (const issue of jsonIssues) {
    const key = expressionKey(issue);
    if (key !== undefined && (reported.has(key) || malformed.some((outer) => isInside(key, outer)))) continue;
    merged.push(issue);
  }
  return merged;
}

function expressionKey(issue: IssueInput): string | undefined {
  return Array.isArray(issue.expression) ? issue.expression.join('|') : issue.expression;
}

function isInside(expression: string, outer: string): boolean {
  return expression.startsWith(`${outer}.`) || expression.startsWith(`${outer}[`);
}
