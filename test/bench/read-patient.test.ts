import type { Patient } from 'fhir/r4';
import { collectReferences } from '../data/references';
import { readPatientCreateBody, readPatientResponseBody } from './read-patient';

describe('the fhir-read Patient', () => {
  it('is created from about 1 KB of JSON with no id and no references to resources the server lacks', () => {
    const body = readPatientCreateBody();
    expect(Buffer.byteLength(body)).toBeGreaterThanOrEqual(900);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1200);
    const patient = JSON.parse(body) as Patient;
    expect(patient.id).toBeUndefined();
    expect(collectReferences(patient)).toEqual([]);
    expect(patient.generalPractitioner?.[0].display).toMatch(/^Practitioner\//);
  });

  it('is served by the bare handler as a server would return it: the same content plus id and meta', () => {
    const served = JSON.parse(readPatientResponseBody()) as Patient;
    const { id, meta, ...content } = served;
    expect(id).toBe('pat-000000');
    expect(meta).toEqual({ versionId: '1', lastUpdated: expect.any(String) });
    expect(content).toEqual(JSON.parse(readPatientCreateBody()));
  });
});
