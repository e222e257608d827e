import { headerValue, idFromLocation, isResourceOfType } from './fhir-http';

describe('idFromLocation', () => {
  it('reads the id from an absolute Location with a version, as R4 create returns it', () => {
    expect(idFromLocation('http://127.0.0.1:8080/fhir/Patient/abc-123/_history/1', 'Patient')).toBe('abc-123');
  });

  it('accepts a relative Location and one without _history', () => {
    expect(idFromLocation('Patient/p.1', 'Patient')).toBe('p.1');
    expect(idFromLocation('/fhir/Patient/p1/', 'Patient')).toBe('p1');
  });

  it('refuses a Location of another type or none at all', () => {
    expect(idFromLocation('http://h/fhir/Observation/o1/_history/1', 'Patient')).toBeUndefined();
    expect(idFromLocation(undefined, 'Patient')).toBeUndefined();
  });
});

describe('headerValue', () => {
  it('finds a header whatever its case, taking the first of repeated values', () => {
    expect(headerValue({ Location: 'a' }, 'location')).toBe('a');
    expect(headerValue({ location: ['b', 'c'] }, 'Location')).toBe('b');
    expect(headerValue(undefined, 'location')).toBeUndefined();
  });
});

describe('isResourceOfType', () => {
  it('accepts compact and pretty-printed resources of the type, nothing else', () => {
    const isPatient = isResourceOfType('Patient');
    expect(isPatient('{"resourceType":"Patient","id":"1"}')).toBe(true);
    expect(isPatient('{\n  "resourceType": "Patient"\n}')).toBe(true);
    expect(isPatient('{"resourceType":"OperationOutcome"}')).toBe(false);
    expect(isPatient(undefined)).toBe(false);
  });
});
