import { tokenEntries } from './token-entries';

describe('token index entries (R4 search.html#token)', () => {
  it('gives a CodeableConcept its codings with folded displays, and its text', () => {
    const concept = {
      coding: [
        { system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' },
        { system: 'http://snomed.info/sct', code: '364075005' },
      ],
      text: 'Pulse  Rate',
    };
    expect(tokenEntries([{ value: concept, type: 'CodeableConcept' }])).toEqual([
      { s: 'http://loinc.org', c: '8867-4', sc: 'http://loinc.org|8867-4', t: 'heart rate' },
      { s: 'http://snomed.info/sct', c: '364075005', sc: 'http://snomed.info/sct|364075005' },
      { t: 'pulse rate' },
    ]);
  });

  it('gives an Identifier its system, value, type codings (for :of-type) and type text', () => {
    const identifier = {
      system: 'urn:oid:1.2.36.146.595.217.0.1',
      value: '12345',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }], text: 'Medical record number' },
    };
    expect(tokenEntries([{ value: identifier, type: 'Identifier' }])).toEqual([
      {
        s: 'urn:oid:1.2.36.146.595.217.0.1',
        c: '12345',
        sc: 'urn:oid:1.2.36.146.595.217.0.1|12345',
        t: 'medical record number',
        ot: ['http://terminology.hl7.org/CodeSystem/v2-0203|MR'],
      },
    ]);
  });

  it('gives a value without system only its code, and leaves absent parts out', () => {
    expect(tokenEntries([{ value: { value: '123' }, type: 'Identifier' }])).toEqual([{ c: '123' }]);
    expect(tokenEntries([{ value: { system: 'http://x' }, type: 'Coding' }])).toEqual([{ s: 'http://x' }]);
    expect(tokenEntries([{ value: {}, type: 'Coding' }])).toEqual([]);
  });

  it('gives a ContactPoint its system and value', () => {
    expect(tokenEntries([{ value: { system: 'phone', value: '+1 555 0100', use: 'home' }, type: 'ContactPoint' }])).toEqual([
      { s: 'phone', c: '+1 555 0100', sc: 'phone|+1 555 0100' },
    ]);
  });

  it('gives codes, strings, uris and booleans their value as the code', () => {
    const values = [
      { value: 'final', type: 'code' },
      { value: 'en-US', type: 'code' },
      { value: true, type: 'boolean' },
      { value: false, type: 'boolean' },
      { value: 'http://example.org', type: 'uri' },
    ];
    expect(tokenEntries(values)).toEqual([{ c: 'final' }, { c: 'en-US' }, { c: 'true' }, { c: 'false' }, { c: 'http://example.org' }]);
  });

  it('gives nothing for values a token cannot stand for (a Quantity in a choice)', () => {
    expect(tokenEntries([{ value: { value: 5, unit: 'mg' }, type: 'Quantity' }])).toEqual([]);
  });
});
