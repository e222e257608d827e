import { parseScopes, resourceScopes } from './scope';
import { scopePolicy, type PolicySubject } from './scope-policy';

const LAB = 'category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const policy = (scopes: string, subject: PolicySubject) => scopePolicy(resourceScopes(parseScopes(scopes)), subject);

describe('scopes into the Repository policy', () => {
  it('confines a granular patient scope to the launch patient and its query', () => {
    const p = policy(`patient/Observation.rs?${LAB}`, { patient: '123' });
    expect(p.grants('Observation', 'r')).toEqual([{ compartment: 'Patient/123', query: LAB }]);
    expect(p.grants('Observation', 's')).toEqual([{ compartment: 'Patient/123', query: LAB }]);
    expect(p.grants('Observation', 'c')).toEqual([]);
    expect(p.grants('Condition', 'r')).toEqual([]);
  });

  it('grants patient scopes nothing without a launch patient', () => {
    expect(policy('patient/*.rs', {}).grants('Observation', 'r')).toEqual([]);
  });

  it('lets patient scopes read reference data that is in no patient compartment, but not write it', () => {
    const p = policy('patient/*.cruds', { patient: '1' });
    expect(p.grants('Medication', 'r')).toEqual([{}]);
    expect(p.grants('Medication', 'c')).toEqual([]);
    expect(p.grants('Patient', 'r')).toEqual([{ compartment: 'Patient/1' }]);
  });

  it('gives system scopes to backend services only', () => {
    expect(policy('system/*.rs', {}).grants('Observation', 'r')).toEqual([{}]);
    expect(policy('system/*.rs', { roles: ['clinician'] }).grants('Observation', 'r')).toEqual([]);
  });

  it('limits user scopes by the roles active now', () => {
    expect(policy('user/*.cruds', { roles: ['nurse'] }).grants('Observation', 'c')).toEqual([{}]);
    expect(policy('user/*.cruds', { roles: ['nurse'] }).grants('Condition', 'c')).toEqual([]);
    expect(policy('user/*.cruds', { roles: ['auditor'] }).grants('AuditEvent', 'r')).toEqual([{}]);
    expect(policy('user/*.cruds', { roles: ['auditor'] }).grants('Patient', 'r')).toEqual([]);
    expect(policy('user/*.cruds', { roles: [] }).grants('Patient', 'r')).toEqual([]);
    expect(policy('user/*.cruds', {}).grants('Patient', 'r')).toEqual([]);
  });

  it("confines a patient user's role to their own compartment", () => {
    const p = policy('user/*.rs', { roles: ['patient'], fhirUser: 'Patient/7' });
    expect(p.grants('Observation', 'r')).toEqual([{ compartment: 'Patient/7' }]);
    expect(policy('patient/*.rs', { roles: ['patient'], fhirUser: 'Patient/7', patient: '8' }).grants('Observation', 'r')).toEqual([]);
  });

  it('combines alternatives, and unrestricted wins', () => {
    const p = policy(`patient/Observation.rs?${LAB} patient/Observation.rs?category=x|vital-signs`, { patient: '1' });
    expect(p.grants('Observation', 'r')).toHaveLength(2);
    expect(policy(`user/Observation.rs?${LAB} user/Observation.rs`, { roles: ['clinician'] }).grants('Observation', 'r')).toEqual([{}]);
  });

  it('lets an openid fhirUser token read the fhirUser resource itself', () => {
    const p = policy('patient/Patient.rs', { patient: '1', fhirUser: 'Practitioner/9', fhirUserReadable: true, roles: ['clinician'] });
    expect(p.grants('Practitioner', 'r')).toEqual([{ query: '_id=9' }]);
    expect(p.grants('Practitioner', 's')).toEqual([]);
  });
});
