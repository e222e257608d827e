import type { FhirResource } from 'fhir/r4';
import { generatePatientRecord, generatePatientRecords, generateResources, generateSharedResources } from './index';
import { collectReferences } from './references';

const key = (r: FhirResource) => `${r.resourceType}/${r.id}`;
const recordsOf = (options: Parameters<typeof generatePatientRecords>[0]) => [...generatePatientRecords(options)];

describe('determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    const a = JSON.stringify([...generateResources({ seed: 42, patients: 5 })]);
    const b = JSON.stringify([...generateResources({ seed: 42, patients: 5 })]);
    expect(a).toBe(b);
  });

  it('gives different content, for the same patient and shared ids, with a different seed', () => {
    const a = [...generateResources({ seed: 1, patients: 3 })];
    const b = [...generateResources({ seed: 2, patients: 3 })];
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    const stable = (rs: FhirResource[]) => rs.filter((r) => ['Patient', 'Practitioner', 'Organization'].includes(r.resourceType)).map(key);
    expect(stable(a)).toEqual(stable(b));
  });

  it('generates a patient identically alone, in a batch, or in a shard that starts at it', () => {
    const inBatch = recordsOf({ seed: 7, patients: 6 })[4];
    const inShard = recordsOf({ seed: 7, patients: 2, firstPatient: 4 })[0];
    const alone = generatePatientRecord({ seed: 7 }, 4);
    expect(JSON.stringify(inShard)).toBe(JSON.stringify(inBatch));
    expect(JSON.stringify(alone)).toBe(JSON.stringify(inBatch));
  });
});

describe('ids', () => {
  it('derives ids from positions (pat-000123, obs-000123-0007)', () => {
    const record = generatePatientRecord({}, 123);
    expect(record.patient.id).toBe('pat-000123');
    const observations = record.resources.filter((r) => r.resourceType === 'Observation');
    expect(observations[6].id).toBe('obs-000123-0007');
  });

  it('never repeats an id within a data set', () => {
    const ids = [...generateResources({ patients: 20 })].map(key);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only characters allowed in FHIR ids', () => {
    for (const r of generateResources({ patients: 3 })) expect(r.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
  });
});

describe('reference integrity', () => {
  const shared = generateSharedResources({ patients: 25 });
  const records = recordsOf({ patients: 25 });

  it('points every reference at a generated resource', () => {
    const known = new Set([...shared, ...records.flatMap((r) => r.resources)].map(key));
    const dangling = [...shared, ...records.flatMap((r) => r.resources)]
      .flatMap((r) => collectReferences(r).map((ref) => `${key(r)} -> ${ref}`))
      .filter((edge) => !known.has(edge.split(' -> ')[1]));
    expect(dangling).toEqual([]);
  });

  it('lists each record in dependency order: references point at shared resources or earlier entries', () => {
    const sharedKeys = new Set(shared.map(key));
    for (const record of records) {
      const seen = new Set(sharedKeys);
      for (const resource of record.resources) {
        for (const ref of collectReferences(resource)) expect({ from: key(resource), to: ref, loaded: seen.has(ref) }).toMatchObject({ loaded: true });
        seen.add(key(resource));
      }
    }
  });

  it('orders shared resources so managing Organizations precede their Locations', () => {
    const seen = new Set<string>();
    for (const resource of shared) {
      for (const ref of collectReferences(resource)) expect(seen.has(ref)).toBe(true);
      seen.add(key(resource));
    }
  });

  it('keeps each record to its own patient', () => {
    for (const record of records) {
      const patientRefs = record.resources.flatMap(collectReferences).filter((ref) => ref.startsWith('Patient/'));
      expect(new Set(patientRefs)).toEqual(new Set([`Patient/${record.patient.id}`]));
    }
  });
});

describe('sizes', () => {
  it('makes about 100 resources per patient with the defaults', () => {
    const counts = recordsOf({ patients: 50 }).map((r) => r.resources.length);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(90);
    expect(mean).toBeLessThan(125);
  });

  it('makes exactly the requested number of each counted kind', () => {
    const options = {
      patients: 1, encountersPerPatient: 3, observationsPerPatient: 17, conditionsPerPatient: 2, medicationRequestsPerPatient: 5,
      proceduresPerPatient: 1, immunizationsPerPatient: 2, allergiesPerPatient: 1,
    };
    const [record] = recordsOf(options);
    const count = (type: string) => record.resources.filter((r) => r.resourceType === type).length;
    expect([count('Patient'), count('Coverage'), count('Encounter'), count('Observation'), count('Condition')]).toEqual([1, 1, 3, 17, 2]);
    expect([count('MedicationRequest'), count('Procedure'), count('Immunization'), count('AllergyIntolerance')]).toEqual([5, 1, 2, 1]);
    expect([count('Claim'), count('ExplanationOfBenefit'), count('Provenance')]).toEqual([3, 3, 3]);
    expect(count('DiagnosticReport')).toBe(count('ServiceRequest'));
    expect(count('Specimen')).toBe(count('ServiceRequest'));
  });

  it('makes a bare patient and coverage when asked for nothing else', () => {
    const [record] = recordsOf({
      patients: 1, encountersPerPatient: 0, observationsPerPatient: 0, conditionsPerPatient: 0, medicationRequestsPerPatient: 0,
      proceduresPerPatient: 0, immunizationsPerPatient: 0, allergiesPerPatient: 0,
    });
    expect(record.resources.map((r) => r.resourceType)).toEqual(['Patient', 'Coverage']);
  });

  it('sizes the shared resources by the practitioner count', () => {
    const shared = generateSharedResources({ patients: 0, practitioners: 7 });
    expect(shared.filter((r) => r.resourceType === 'Practitioner')).toHaveLength(7);
    expect(new Set(shared.map((r) => r.resourceType))).toEqual(new Set(['Organization', 'Location', 'Practitioner', 'Medication']));
  });

  it('streams lazily: the first of a million patients arrives at once', () => {
    const started = Date.now();
    const first = generatePatientRecords({ patients: 1_000_000 }).next();
    expect(first.done).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects nonsensical options', () => {
    expect(() => recordsOf({ patients: -1 })).toThrow(/patients/);
    expect(() => recordsOf({ patients: 1, encountersPerPatient: 0 })).toThrow(/encountersPerPatient/);
    expect(() => recordsOf({ patients: 1, practitioners: 0 })).toThrow(/practitioners/);
  });
});
