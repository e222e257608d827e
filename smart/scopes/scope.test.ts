import { parseScope, parseScopes, splitScopes } from './scope';

describe('SMART scope syntax (App Launch 2.2 §Scopes)', () => {
  it.each([
    ['patient/Observation.read', { level: 'patient', type: 'Observation', permissions: ['r', 's'], version: 1 }],
    ['user/*.write', { level: 'user', type: '*', permissions: ['c', 'u', 'd'], version: 1 }],
    ['system/*.*', { level: 'system', type: '*', permissions: ['c', 'r', 'u', 'd', 's'], version: 1 }],
    ['patient/Observation.rs', { level: 'patient', type: 'Observation', permissions: ['r', 's'], version: 2 }],
    ['user/Encounter.cu', { level: 'user', type: 'Encounter', permissions: ['c', 'u'], version: 2 }],
    ['system/*.cruds', { level: 'system', type: '*', permissions: ['c', 'r', 'u', 'd', 's'], version: 2 }],
  ])('parses %s', (text, expected) => {
    expect(parseScope(text)).toMatchObject({ kind: 'resource', text, ...expected });
  });

  it('parses a granular v2 scope with its query', () => {
    const text = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
    expect(parseScope(text)).toMatchObject({ type: 'Observation', permissions: ['r', 's'], query: 'category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory' });
  });

  it.each(['launch', 'launch/patient', 'launch/encounter', 'openid', 'fhirUser', 'profile', 'offline_access', 'online_access'])('knows the context scope %s', (text) => {
    expect(parseScope(text)).toEqual({ kind: 'context', text });
  });

  it.each([
    'patient/Observation.sr', // letters out of order
    'patient/Observation.', // no permission
    'patient/Observation.x',
    'patient/Nonsense.rs', // not an R4 type
    'group/*.rs',
    'patient/Observation.read?category=x', // v1 has no queries
    'patient/Observation.rs?_include=Observation:subject',
    'patient/Observation.rs?category',
    'launch/everything',
  ])('rejects %s', (text) => {
    expect(parseScope(text)).toBeUndefined();
  });

  it('splits on spaces, dropping empties and duplicates, and drops unknown scopes', () => {
    expect(splitScopes(' openid  openid patient/*.rs ')).toEqual(['openid', 'patient/*.rs']);
    expect(parseScopes('openid bogus patient/*.rs').map((s) => s.text)).toEqual(['openid', 'patient/*.rs']);
  });
});
