import { compile, evaluate, resolveInternalTypes, types, util, type ResourceNode, type UserInvocationTable } from 'fhirpath';
import * as r4Model from 'fhirpath/fhir-context/r4';
import { referencedType } from './literal-reference';
import type { Json, TypedValue } from './typed-value';

/**
 * The general case: an expression the path compiler does not handle (in R4, only Patient's `deceased`) is compiled
 * once with fhirpath and the R4 model, and its results keep their FHIR types for normalization.
 */
export type Selector = (resource: Json, focus: readonly TypedValue[]) => TypedValue[];

/** FHIRPath system types as the FHIR primitive types the normalizers know (http://hl7.org/fhirpath/N1/#types). */
const SYSTEM_TYPES: Readonly<Record<string, string>> = {
  'System.Boolean': 'boolean',
  'System.String': 'string',
  'System.Integer': 'integer',
  'System.Decimal': 'decimal',
  'System.Date': 'date',
  'System.DateTime': 'dateTime',
  'System.Time': 'time',
};

/**
 * `resolve()` in fhirpath fetches over HTTP and is asynchronous. Search parameters only ask what a reference
 * points at (`where(resolve() is Patient)`), which the reference itself says, so resolve() here answers with an
 * empty resource of the referenced type.
 */
const resolveByReferenceType: UserInvocationTable = {
  resolve: {
    fn(this: { vars?: { resource?: unknown } }, inputs: unknown[]) {
      const root = (this.vars?.resource ?? {}) as Json;
      const out: ResourceNode[] = [];
      for (const input of inputs) {
        const type = referencedType(util.valData(input), root);
        if (type) out.push(placeholder(type));
      }
      return out;
    },
    arity: { 0: [] },
    // Called with fhirpath's evaluation context as `this` (for %resource, where contained resources live).
    internalStructures: true,
  },
};

const placeholders = new Map<string, ResourceNode>();

function placeholder(type: string): ResourceNode {
  let node = placeholders.get(type);
  if (!node) {
    const resource = { resourceType: type };
    node = evaluate(resource, '%resource', { resource }, r4Model, { resolveInternalTypes: false })[0] as ResourceNode;
    placeholders.set(type, node);
  }
  return node;
}

/** Compiles `expression`; with `base` (a type path such as `Observation.component`) it applies to a focus element. */
export function fhirPathSelector(expression: string, base?: string): Selector {
  const options = { resolveInternalTypes: false, userInvocationTable: resolveByReferenceType } as const;
  const evaluator = compile(base ? { base, expression } : expression, r4Model, options);
  return (resource, focus) => {
    const inputs = base ? focus.map((f) => f.value) : [resource];
    const out: TypedValue[] = [];
    for (const input of inputs) {
      const result = evaluator(input, { resource });
      const typeNames = types(result);
      const values = resolveInternalTypes(result) as unknown[];
      for (let i = 0; i < values.length; i++) {
        const type = fhirType(typeNames[i]);
        if (type !== undefined && values[i] !== null && values[i] !== undefined) out.push({ value: values[i], type });
      }
    }
    return out;
  };
}

function fhirType(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name.startsWith('FHIR.')) return name.slice(5);
  return SYSTEM_TYPES[name];
}
