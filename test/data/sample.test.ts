import { samplePatient } from './index';

describe('samplePatient', () => {
  it('is about 1 KB of JSON (900-1200 bytes) for any seed', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const bytes = Buffer.byteLength(JSON.stringify(samplePatient(seed)));
      expect({ seed, bytes, inRange: bytes >= 900 && bytes <= 1200 }).toMatchObject({ inRange: true });
    }
  });

  it('is the same for the same seed and differs between seeds', () => {
    expect(samplePatient(5)).toEqual(samplePatient(5));
    expect(samplePatient(5)).not.toEqual(samplePatient(6));
  });

  it('carries the MRN and SSN-like identifiers, a name, an address and a general practitioner', () => {
    const patient = samplePatient();
    expect(patient.identifier?.map((i) => i.system)).toEqual(['http://hospital.example/mrn', 'http://hl7.org/fhir/sid/us-ssn']);
    expect(patient.name?.[0].family).toEqual(expect.any(String));
    expect(patient.address?.[0]).toMatchObject({ city: expect.any(String), state: expect.any(String), postalCode: expect.any(String) });
    expect(patient.generalPractitioner?.[0].reference).toMatch(/^Practitioner\/prac-\d{4}$/);
  });
});
