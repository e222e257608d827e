import { uriEntries } from './uri-entries';

describe('uri index entries (R4 search.html#uri)', () => {
  it('stores the value exactly, version and all', () => {
    expect(uriEntries([{ value: 'http://hl7.org/fhir/ValueSet/example|4.0.1', type: 'canonical' }])).toEqual([
      { u: 'http://hl7.org/fhir/ValueSet/example|4.0.1' },
    ]);
    expect(uriEntries([{ value: 'urn:oid:1.2.3', type: 'oid' }, { value: '', type: 'uri' }])).toEqual([{ u: 'urn:oid:1.2.3' }]);
  });
});
