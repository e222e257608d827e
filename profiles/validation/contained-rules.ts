import type { IssueInput } from '../../resources/errors/fhir-error';
import { childExpression } from './fhir-path';
import { isJsonObject, type JsonObject } from './json-values';

/**
 * The invariants of DomainResource about contained resources (https://hl7.org/fhir/R4/domainresource.html#invs,
 * https://hl7.org/fhir/R4/references.html#contained). A contained resource has no life of its own: it is not
 * versioned, carries no security labels, contains nothing itself, and exists only because something refers to it.
 */

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The local ids a container offers to `#id` references, and which of them its content actually uses.
 * Sets are made on first use: most resources have no contained resources and no `#` references.
 */
export class LocalScope {
  readonly ids: ReadonlySet<string> = NO_IDS;
  /** `#...` values seen in the container or in its contained resources. */
  private uses?: Set<string>;
  /** Contained resources that refer to their container with `#`. */
  private referringToContainer?: Set<object>;

  constructor(container: JsonObject) {
    const contained = container.contained;
    if (!Array.isArray(contained)) return;
    const ids = new Set<string>();
    for (const resource of contained) {
      if (isJsonObject(resource) && typeof resource.id === 'string') ids.add(resource.id);
    }
    this.ids = ids;
  }

  /** Notes a `#...` value found in `resource`, the container itself or one of its contained resources. */
  noteLocalUse(value: string, resource: object, isContained: boolean): void {
    if (value !== '#') (this.uses ??= new Set()).add(value);
    else if (isContained) (this.referringToContainer ??= new Set()).add(resource);
  }

  /** dom-3: every contained resource is referred to from elsewhere in the resource, or refers to the container. */
  unreferencedIssues(container: JsonObject, expression: string): IssueInput[] {
    const contained = container.contained;
    if (!Array.isArray(contained)) return [];
    const issues: IssueInput[] = [];
    contained.forEach((resource, index) => {
      if (!isJsonObject(resource) || this.referringToContainer?.has(resource) === true) return;
      if (typeof resource.id === 'string' && this.uses?.has(`#${resource.id}`) === true) return;
      const name = typeof resource.id === 'string' ? `'#${resource.id}'` : 'without an id';
      const diagnostics = `dom-3: contained resource ${name} is not referred to from the resource and does not refer to its container`;
      issues.push(invariant(childExpression(childExpression(expression, 'contained'), index), diagnostics));
    });
    return issues;
  }
}

/** dom-2, dom-4 and dom-5, for one contained resource at `expression`. */
export function containedResourceIssues(resource: JsonObject, expression: string): IssueInput[] {
  const issues: IssueInput[] = [];
  if (resource.contained !== undefined) {
    const diagnostics = 'dom-2: a contained resource SHALL NOT contain resources';
    issues.push(invariant(childExpression(expression, 'contained'), diagnostics));
  }
  const meta = resource.meta;
  if (isJsonObject(meta)) {
    const metaExpression = childExpression(expression, 'meta');
    for (const element of ['versionId', 'lastUpdated']) {
      if (meta[element] !== undefined) {
        const diagnostics = `dom-4: a contained resource SHALL NOT have meta.${element}`;
        issues.push(invariant(childExpression(metaExpression, element), diagnostics));
      }
    }
    if (meta.security !== undefined) {
      const diagnostics = 'dom-5: a contained resource SHALL NOT have security labels';
      issues.push(invariant(childExpression(metaExpression, 'security'), diagnostics));
    }
  }
  return issues;
}

function invariant(expression: string, diagnostics: string): IssueInput {
  return { code: 'invariant', diagnostics, expression };
}
