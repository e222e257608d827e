import { formatParameterKey, parseParameterKey } from './parameter-key';

describe('search parameter names, modifiers, chains and _has (R4 search.html#modifiers, #chaining, #has)', () => {
  it('reads a name with a modifier', () => {
    expect(parseParameterKey('name:exact')).toEqual({ kind: 'param', code: 'name', modifier: 'exact' });
  });

  it('reads a typed chain to any depth', () => {
    expect(parseParameterKey('subject:Patient.general-practitioner.name:contains')).toEqual({
      kind: 'chain',
      code: 'subject',
      targetType: 'Patient',
      next: { kind: 'chain', code: 'general-practitioner', targetType: undefined, next: { kind: 'param', code: 'name', modifier: 'contains' } },
    });
  });

  it('reads nested _has', () => {
    expect(parseParameterKey('_has:Observation:patient:_has:AuditEvent:entity:agent')).toEqual({
      kind: 'has',
      type: 'Observation',
      referenceCode: 'patient',
      next: { kind: 'has', type: 'AuditEvent', referenceCode: 'entity', next: { kind: 'param', code: 'agent' } },
    });
  });

  it.each(['subject:Patient.name', '_has:Observation:patient:code:text', 'code:not'])('writes %s back as it was', (key) => {
    expect(formatParameterKey(parseParameterKey(key))).toBe(key);
  });

  it.each(['na$me', 'name:ex act', '_has:Observation:patient', '_has:observation:patient:code', 'subject:patient.name', '{"$gt":""}'])(
    'refuses the malformed name %s with a 400',
    (key) => {
      expect(() => parseParameterKey(key)).toThrow(expect.objectContaining({ kind: 'bad-request' }));
    },
  );
});
