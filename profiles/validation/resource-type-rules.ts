import { type IssueInput, invalidResource } from '../../resources/errors/fhir-error';
import { describeValue, isJsonObject, type JsonObject } from './json-values';

/**
 * The resource type decides which schema applies, so it is checked first and alone: a resource is a JSON object
 * whose `resourceType` names an R4 resource type (https://hl7.org/fhir/R4/json.html#resources), and the one the
 * interaction expects when there is one (https://hl7.org/fhir/R4/http.html#create: "the resource type ... SHALL match").
 * Throws the FhirError for the first problem; returns the type otherwise.
 */
export function checkResourceType(
  resource: unknown,
  expectedType: string | undefined,
  resourceTypes: ReadonlySet<string>,
): string {
  const problem = resourceTypeProblem(resource, expectedType, resourceTypes);
  if (problem !== undefined) throw invalidResource([problem]);
  return (resource as JsonObject).resourceType as string;
}

function resourceTypeProblem(
  resource: unknown,
  expectedType: string | undefined,
  resourceTypes: ReadonlySet<string>,
): IssueInput | undefined {
  if (!isJsonObject(resource)) {
    return { code: 'structure', diagnostics: `A resource is a JSON object, not ${describeValue(resource)}` };
  }
  const type = resource.resourceType;
  const expression = 'resourceType';
  if (type === undefined) return { code: 'required', diagnostics: 'Missing resourceType', expression };
  if (typeof type !== 'string') {
    return { code: 'structure', diagnostics: `resourceType must be a string, not ${describeValue(type)}`, expression };
  }
  if (!resourceTypes.has(type)) return { code: 'value', diagnostics: `Unknown resource type '${type}'`, expression };
  if (expectedType !== undefined && type !== expectedType) {
    return { code: 'invalid', diagnostics: `Expected a ${expectedType} resource but resourceType is '${type}'`, expression };
  }
  return undefined;
}
