import type { ResourceScope } from './scope';

/**
 * Sub-resource choices offered on the consent page for a broad v2 scope (SMART 2.2 §Finer-grained resource
 * constraints using search parameters): the US Core categories, so a user can share, say, only laboratory
 * results out of all observations.
 */
const CATEGORY_OPTIONS: Record<string, { param: string; system: string; codes: string[] }> = {
  Observation: {
    param: 'category',
    system: 'http://terminology.hl7.org/CodeSystem/observation-category',
    codes: ['laboratory', 'vital-signs', 'social-history', 'survey', 'imaging', 'exam', 'procedure', 'therapy', 'activity'],
  },
  Condition: {
    param: 'category',
    system: 'http://terminology.hl7.org/CodeSystem/condition-category',
    codes: ['problem-list-item', 'encounter-diagnosis'],
  },
  DiagnosticReport: {
    param: 'category',
    system: 'http://terminology.hl7.org/CodeSystem/v2-0074',
    codes: ['LAB', 'RAD', 'PAT'],
  },
};

/** The granular sub-scopes a user may pick instead of a broad scope, or none when the scope is already narrow. */
export function granularOptions(scope: ResourceScope): string[] {
  const options = CATEGORY_OPTIONS[scope.type];
  if (!options || scope.query !== undefined || scope.version !== 2) return [];
  const base = `${scope.level}/${scope.type}.${scope.permissions.join('')}`;
  return options.codes.map((code) => `${base}?${options.param}=${options.system}|${code}`);
}
