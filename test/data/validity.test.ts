import type { FhirResource, Observation } from 'fhir/r4';
import { generatePatientRecords, generateSharedResources } from './index';
import { conformanceErrors, jsonSchemaErrors } from './r4-conformance';
import { DATA_END, DATA_START } from './time';

const resources: FhirResource[] = [
  ...generateSharedResources({ seed: 3, patients: 30 }),
  ...[...generatePatientRecords({ seed: 3, patients: 30 })].flatMap((r) => r.resources),
];

/** Every string value in a resource with the path that leads to it. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

const DATE_LIKE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}.*)?$/;

describe('R4 validity of generated resources', () => {
  it('covers every resource type the data set promises', () => {
    expect(new Set(resources.map((r) => r.resourceType))).toEqual(new Set([
      'Organization', 'Location', 'Practitioner', 'Medication', 'Patient', 'Coverage', 'Encounter', 'Condition',
      'AllergyIntolerance', 'MedicationRequest', 'ServiceRequest', 'Specimen', 'Observation', 'DiagnosticReport',
      'Procedure', 'Immunization', 'Claim', 'ExplanationOfBenefit', 'Provenance',
    ]));
  });

  it('passes the R4 JSON schema (element names, arrays, primitive formats)', () => {
    const failures = resources.map((r) => ({ id: `${r.resourceType}/${r.id}`, errors: jsonSchemaErrors(r) })).filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
  });

  it('has every required element and only allowed reference targets, per the R4 StructureDefinitions', () => {
    const failures = resources.map((r) => ({ id: `${r.resourceType}/${r.id}`, errors: conformanceErrors(r) })).filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
  });

  it('writes only real calendar dates, and a zone on every time', () => {
    const bad = resources.flatMap((r) => strings(r, r.resourceType)).filter(([, value]) => {
      const match = DATE_LIKE.exec(value);
      if (!match) return false;
      const [, y, m, d, time] = match;
      const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      const realDay = day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d);
      return !realDay || (time !== undefined && !/(Z|[+-]\d{2}:\d{2})$/.test(time));
    });
    expect(bad).toEqual([]);
  });

  it('spreads clinical times over 2015-2026 and over several UTC offsets', () => {
    const observations = resources.filter((r): r is Observation => r.resourceType === 'Observation');
    const instants = observations.map((o) => Date.parse(o.effectiveDateTime as string));
    expect(Math.min(...instants)).toBeGreaterThanOrEqual(DATA_START);
    expect(Math.max(...instants)).toBeLessThan(DATA_END);
    expect(new Set(instants.map((t) => new Date(t).getUTCFullYear())).size).toBeGreaterThanOrEqual(10);
    const offsets = new Set(observations.map((o) => (o.effectiveDateTime as string).slice(19)));
    expect(offsets.size).toBeGreaterThanOrEqual(5);
  });

  it('codes vital signs and labs in LOINC with UCUM quantities and the observation-category system', () => {
    const observations = resources.filter((r): r is Observation => r.resourceType === 'Observation');
    const codes = new Set(observations.map((o) => o.code.coding?.[0].code));
    for (const code of ['8867-4', '85354-9', '29463-7', '8302-2', '2339-0', '718-7', '4548-4']) expect(codes).toContain(code);
    for (const o of observations) {
      expect(o.code.coding?.[0].system).toBe('http://loinc.org');
      expect(o.category?.[0].coding?.[0].system).toBe('http://terminology.hl7.org/CodeSystem/observation-category');
      for (const q of [o.valueQuantity, ...(o.component ?? []).map((c) => c.valueQuantity)].filter((x) => x !== undefined)) {
        expect(q).toMatchObject({ system: 'http://unitsofmeasure.org', code: expect.any(String), value: expect.any(Number) });
      }
    }
    const bloodPressure = observations.find((o) => o.code.coding?.[0].code === '85354-9') as Observation;
    expect(bloodPressure.valueQuantity).toBeUndefined();
    expect(bloodPressure.component?.map((c) => c.code.coding?.[0].code)).toEqual(['8480-6', '8462-4']);
  });
});
