import Ajv, { type ValidateFunction } from 'ajv';
import { type IssueInput, invalidResource } from '../../resources/errors/fhir-error';
import { ajvErrorsToIssues } from './ajv-errors-to-issues';
import { containedResourceIssues, LocalScope } from './contained-rules';
import { childExpression, pointerExpression } from './fhir-path';
import { jsonRuleIssues } from './json-rules';
import type { JsonObject } from './json-values';
import { mergeIssues } from './merge-issues';
import { narrativeIssues } from './narrative-rules';
import { referenceProblem } from './reference-rules';
import { checkResourceType } from './resource-type-rules';
import { loadR4Schema } from './schema-loader';
import { type NestedResourceHit, SchemaRun, schemaKeywords } from './schema-keywords';

export interface ResourceValidator {
  /**
   * Throws FhirError (kind 'bad-request', code 'invalid'/'structure'/'value'/'required'/'invariant') listing
   * every problem found, each with a FHIRPath expression.
   */
  validate(resource: unknown, expectedType?: string): void;
  /**
   * Compile every resource type's validator now (production start-up); otherwise compiled lazily on first use
   * per type.
   */
  warmUp(): void;
}

export function createResourceValidator(): ResourceValidator {
  return new SchemaResourceValidator();
}

/**
 * Validates a resource against the official R4 JSON schema (one compiled validator per resource type, each
 * nested resource with its own type's validator) and then against the rules JSON Schema cannot state:
 * reference forms, contained-resource invariants and the absence of empty values in FHIR JSON.
 */
class SchemaResourceValidator implements ResourceValidator {
  private readonly schema = loadR4Schema();
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    // allErrors: report every problem at once. strict off: the draft-06 era schema puts patterns on booleans.
    // passContext: keywords note references and nested resources on the SchemaRun passed as `this`.
    // messages off: issues are worded in ajv-errors-to-issues.ts. The schema is known-good: no meta-validation.
    this.ajv = new Ajv({
      allErrors: true,
      strict: false,
      passContext: true,
      messages: false,
      validateSchema: false,
      logger: false,
    });
    for (const keyword of schemaKeywords) this.ajv.addKeyword(keyword);
    this.ajv.addSchema(this.schema.document);
  }

  validate(resource: unknown, expectedType?: string): void {
    const type = checkResourceType(resource, expectedType, this.schema.resourceTypes);
    // The JSON rules walk first: they also refuse nesting too deep for the recursive schema validators.
    const json = jsonRuleIssues(resource as JsonObject, type);
    if (json.tooDeep) throw invalidResource(json.issues);
    const issues: IssueInput[] = [];
    this.validateResource(resource as JsonObject, type, type, undefined, issues);
    if (issues.length > 0 || json.issues.length > 0) throw invalidResource(mergeIssues(issues, json.issues));
  }

  warmUp(): void {
    for (const type of this.schema.resourceTypes) this.validatorFor(type);
  }

  /**
   * Validates one resource found at `expression`; `container` is the scope of the resource that contains it,
   * when it is a contained resource. Nested resources are validated in turn, each with its own type's validator.
   */
  private validateResource(
    resource: JsonObject,
    type: string,
    expression: string,
    container: LocalScope | undefined,
    issues: IssueInput[],
  ): void {
    const run = new SchemaRun();
    const validateFn = this.validatorFor(type);
    if (!validateFn.call(run, resource)) {
      issues.push(...ajvErrorsToIssues(validateFn.errors ?? [], resource, expression, this.schema.patternTypes));
    }
    if (container !== undefined) issues.push(...containedResourceIssues(resource, expression));
    const div = (resource.text as JsonObject | undefined)?.div;
    if (typeof div === 'string') issues.push(...narrativeIssues(div, `${expression}.text.div`));
    if (run.references === undefined && run.localUris === undefined && run.nested === undefined) return;

    const isContained = container !== undefined;
    // A contained resource's `#id` references name its container's contained resources.
    const scope = container ?? new LocalScope(resource);
    for (const { reference, instancePath } of run.references ?? []) {
      if (reference.charCodeAt(0) === 35 /* # */) scope.noteLocalUse(reference, resource, isContained);
      const problem = referenceProblem(reference, this.schema.resourceTypes, scope.ids);
      if (problem !== undefined) {
        const element = childExpression(pointerExpression(expression, instancePath), 'reference');
        issues.push({ code: 'value', diagnostics: problem, expression: element });
      }
    }
    for (const uri of run.localUris ?? []) scope.noteLocalUse(uri, resource, isContained);
    for (const nested of run.nested ?? []) this.validateNested(nested, expression, scope, issues);
    if (!isContained && resource.contained !== undefined) issues.push(...scope.unreferencedIssues(resource, expression));
  }

  private validateNested(nested: NestedResourceHit, container: string, scope: LocalScope, issues: IssueInput[]): void {
    const expression = pointerExpression(container, nested.instancePath);
    const type = nested.resource.resourceType;
    if (!this.schema.resourceTypes.has(type)) {
      const element = childExpression(expression, 'resourceType');
      issues.push({ code: 'value', diagnostics: `Unknown resource type '${type}'`, expression: element });
    } else {
      this.validateResource(nested.resource, type, expression, nested.kind === 'contained' ? scope : undefined, issues);
    }
  }

  private validatorFor(type: string): ValidateFunction {
    let validateFn = this.compiled.get(type);
    if (validateFn === undefined) {
      validateFn = this.ajv.compile({ $ref: `${this.schema.id}#/definitions/${type}` });
      this.compiled.set(type, validateFn);
    }
    return validateFn;
  }
}
