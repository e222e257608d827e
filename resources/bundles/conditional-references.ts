import { FhirError, multipleMatches } from '../errors/fhir-error';
import { forEachLink, rewriteLinks } from './reference-rewriter';

/**
 * Conditional references (R4 http.html#trules, "Conditional References"): `"reference": "Patient?identifier=
 * http://hospital.example/mrn|12345"` stands for the one resource the search selects. It is resolved when the
 * resource is written, to exactly one match: none or several and the write fails, since storing the search
 * itself would leave a reference that points nowhere, or anywhere.
 */
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.+)$/;

export interface ConditionalReference {
  type: string;
  query: string;
}

export function parseConditionalReference(reference: string): ConditionalReference | undefined {
  const match = CONDITIONAL.exec(reference);
  return match ? { type: match[1], query: match[2] } : undefined;
}

/**
 * The resource with each conditional reference replaced by `Type/id` of its one match. `matches` returns at most
 * two ids (two already means "several"). The same criteria are searched once per resource.
 */
export async function resolveConditionalReferences<T>(
  resource: T,
  matches: (type: string, query: string) => Promise<readonly string[]>,
): Promise<T> {
  const wanted = new Map<string, { ref: ConditionalReference; path: string }>();
  forEachLink(
    resource,
    (value, kind, path) => {
      if (kind !== 'reference' || wanted.has(value)) return;
      const ref = parseConditionalReference(value);
      if (ref) wanted.set(value, { ref, path });
    },
    (value) => CONDITIONAL.test(value),
  );
  if (wanted.size === 0) return resource;
  const resolved = new Map<string, string>();
  for (const [reference, { ref, path }] of wanted) {
    const ids = await matches(ref.type, ref.query);
    if (ids.length === 0) throw unmatchedReference(reference, path);
    if (ids.length > 1) throw multipleMatches(`The conditional reference '${reference}' at ${path} matches more than one ${ref.type}; it must select exactly one`);
    resolved.set(reference, `${ref.type}/${ids[0]}`);
  }
  return rewriteLinks(resource, (value, kind) => (kind === 'reference' ? resolved.get(value) : undefined), (value) => resolved.has(value));
}

/**
 * 400 with issue code not-found: the content of the request is at fault (its criteria select nothing), not its
 * URL, so 404 would mislead; several matches are 412, as for conditional update (http.html#cond-update).
 */
function unmatchedReference(reference: string, path: string): FhirError {
  return new FhirError('bad-request', {
    code: 'not-found',
    diagnostics: `The conditional reference '${reference}' at ${path} matches no resource; it must select exactly one`,
    expression: path,
  });
}
