import type { SchemaObject } from 'ajv';
import type { ElementRules } from './element-rules';
import { correctR4Definitions, primitivePatterns } from './schema-corrections';
import { CALENDAR_DATE, CHOICE, LOCAL_URI, NESTED_RESOURCE, REFERENCE, REQUIRED_ELEMENTS } from './schema-keywords';

/** The parts of the official R4 `fhir.schema.json` (https://hl7.org/fhir/R4/fhir.schema.json.zip) read here. */
export interface OfficialR4Schema {
  id: string;
  discriminator: { mapping: Record<string, string> };
  definitions: Record<string, SchemaObject>;
}

export interface R4Schema {
  /** The schema's URI, under which ajv knows it (`<id>#/definitions/Patient`). */
  readonly id: string;
  /** The transformed schema document, ready for `ajv.addSchema`. */
  readonly document: SchemaObject;
  /** Every R4 resource type: the discriminator mapping of the official schema (146 names). */
  readonly resourceTypes: ReadonlySet<string>;
  /** Primitive datatype name for each `pattern` of the schema, so errors can say "Invalid date". */
  readonly patternTypes: ReadonlyMap<string, string>;
}

const RESOURCE_LIST = '#/definitions/ResourceList';
const NESTED = '#/definitions/NestedResource';
const CONTAINED = '#/definitions/ContainedResource';

/**
 * Rewrites the official schema (a fresh parse of it, never the file) for ajv 8 and for this server:
 * - draft-06 `id` becomes `$id`; `$schema`, the root `oneOf` and the OpenAPI `discriminator` go, because one
 *   validator is compiled per resource type from `<id>#/definitions/<Type>`;
 * - descriptions go: they are most of the 4 MB and nothing reads them;
 * - the schema's own errors are corrected (schema-corrections.ts);
 * - `ResourceList`, a oneOf over 146 resource types, becomes "an object with a string resourceType" marked
 *   with a keyword: the union compiled slowly and its errors named every type; each nested resource is
 *   validated with its own type's validator instead;
 * - keywords (schema-keywords.ts) mark References, uris, dates, and the required primitives and choice
 *   elements that the StructureDefinitions define (`elementRules`).
 */
export function transformR4Schema(
  official: OfficialR4Schema,
  elementRules: ReadonlyMap<string, ElementRules>,
): R4Schema {
  const definitions = correctR4Definitions(withoutDescriptions(official.definitions));
  delete definitions.ResourceList;
  for (const [name, { properties }] of Object.entries(definitions)) {
    if (properties !== undefined) definitions[name] = { ...definitions[name], properties: replaceResourceList(properties) };
  }
  definitions.NestedResource = nestedResource('standalone');
  definitions.ContainedResource = nestedResource('contained');
  mark(definitions, ['Reference'], { [REFERENCE]: true });
  mark(definitions, ['uri', 'url', 'canonical'], { [LOCAL_URI]: true });
  mark(definitions, ['date', 'dateTime', 'instant'], { [CALENDAR_DATE]: true });
  for (const [name, { required, choices }] of elementRules) {
    if (required.length > 0) mark(definitions, [name], { [REQUIRED_ELEMENTS]: required });
    if (choices.length > 0) mark(definitions, [name], { [CHOICE]: choices });
  }
  return {
    id: official.id,
    document: { $id: official.id, definitions },
    resourceTypes: new Set(Object.keys(official.discriminator.mapping)),
    patternTypes: primitivePatterns(definitions),
  };
}

function withoutDescriptions(definitions: Record<string, SchemaObject>): Record<string, SchemaObject> {
  const strip = (schema: SchemaObject): SchemaObject => {
    const { description: _description, properties, items, ...rest } = schema;
    const stripped: SchemaObject = rest;
    if (items !== undefined) stripped.items = strip(items as SchemaObject);
    if (properties !== undefined) stripped.properties = mapValues(properties as Record<string, SchemaObject>, strip);
    return stripped;
  };
  return mapValues(definitions, strip);
}

function replaceResourceList(properties: Record<string, SchemaObject>): Record<string, SchemaObject> {
  return mapValues(properties, (property, name) => {
    if (property.$ref === RESOURCE_LIST) return { ...property, $ref: NESTED };
    if (property.items?.$ref === RESOURCE_LIST) {
      return { ...property, items: { $ref: name === 'contained' ? CONTAINED : NESTED } };
    }
    return property;
  });
}

function nestedResource(kind: 'contained' | 'standalone'): SchemaObject {
  return {
    type: 'object',
    required: ['resourceType'],
    properties: { resourceType: { type: 'string' } },
    [NESTED_RESOURCE]: kind,
  };
}

function mark(definitions: Record<string, SchemaObject>, names: string[], keywords: SchemaObject): void {
  for (const name of names) definitions[name] = { ...definitions[name], ...keywords };
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T, key: string) => U): Record<string, U> {
  const mapped: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) mapped[key] = map(value, key);
  return mapped;
}
