/**
 * R4 SearchParameter expressions are FHIRPath unions over the resource types in `base`
 * (`AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | ...`). These helpers take such an
 * expression apart so each resource type keeps only its own branches.
 * http://hl7.org/fhir/R4/searchparameter-definitions.html#SearchParameter.expression
 */

/** The top-level branches of a union (`a | b | c`), leaving `|` inside parentheses, brackets and strings alone. */
export function splitUnion(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '`' || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** The identifier a branch starts from, ignoring opening parentheses: `(Observation.value as Quantity)` -> `Observation`. */
export function rootOf(branch: string): string {
  const match = /^\(*\s*([%A-Za-z_][A-Za-z0-9_]*)/.exec(branch);
  return match ? match[1] : '';
}

/** Roots that apply to every resource type: `Resource.meta.tag` is the `_tag` of a Patient as much as of an Observation. */
const ANY_RESOURCE_ROOTS: ReadonlySet<string> = new Set(['Resource', 'DomainResource']);

/**
 * The branches of `expression` that start from `resourceType` (or from Resource / DomainResource). A branch that
 * starts from an element name is evaluated on the resource, as FHIRPath does: R4's InsurancePlan `name` is
 * written `name | alias`, and becomes `InsurancePlan.name | InsurancePlan.alias`.
 */
export function branchesFor(expression: string, resourceType: string): string[] {
  const branches: string[] = [];
  for (const branch of splitUnion(expression)) {
    const root = rootOf(branch);
    if (root === resourceType || ANY_RESOURCE_ROOTS.has(root)) branches.push(branch);
    else if (/^[a-z]/.test(root) && branch.startsWith(root)) branches.push(`${resourceType}.${branch}`);
  }
  return branches;
}
