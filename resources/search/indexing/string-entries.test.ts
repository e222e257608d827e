import { stringEntries } from './string-entries';

describe('string index entries (R4 search.html#string)', () => {
  it('stores each string folded and as written', () => {
    expect(stringEntries([{ value: 'Zoë  MÜLLER', type: 'string' }])).toEqual([{ f: 'zoe muller', e: 'Zoë  MÜLLER' }]);
  });

  it('searches every text part of a HumanName', () => {
    const name = { use: 'official', text: 'Dr. Anne Müller', family: 'Müller', given: ['Anne', 'Marie'], prefix: ['Dr.'] };
    expect(stringEntries([{ value: name, type: 'HumanName' }]).map((e) => e.f)).toEqual(['dr. anne muller', 'muller', 'anne', 'marie', 'dr.']);
  });

  it('searches every text part of an Address', () => {
    const address = { line: ['1 Main St', 'Apt 2'], city: 'Springfield', district: 'Sangamon', state: 'IL', postalCode: '62701', country: 'US', use: 'home' };
    expect(stringEntries([{ value: address, type: 'Address' }]).map((e) => e.e)).toEqual([
      '1 Main St',
      'Apt 2',
      'Springfield',
      'Sangamon',
      'IL',
      '62701',
      'US',
    ]);
  });

  it('leaves out strings that fold to nothing', () => {
    expect(stringEntries([{ value: '   ', type: 'string' }])).toEqual([]);
  });
});
