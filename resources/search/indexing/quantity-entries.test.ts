import { quantityEntries } from './quantity-entries';

const quantities = (value: unknown, type: string) => quantityEntries([{ value, type }]);

describe('quantity index entries (R4 search.html#quantity)', () => {
  it('stores value, system, code, folded unit and the canonical UCUM form', () => {
    expect(quantities({ value: 5.4, unit: 'MG', system: 'http://unitsofmeasure.org', code: 'mg' }, 'Quantity')).toEqual([
      { v: 5.4, s: 'http://unitsofmeasure.org', c: 'mg', u: 'mg', cv: 0.0054, cc: 'g' },
    ]);
  });

  it('has no canonical form for other systems or units UCUM does not know', () => {
    expect(quantities({ value: 2, unit: 'tablet', system: 'http://snomed.info/sct', code: '385055001' }, 'Quantity')).toEqual([
      { v: 2, s: 'http://snomed.info/sct', c: '385055001', u: 'tablet' },
    ]);
    expect(quantities({ value: 2, system: 'http://unitsofmeasure.org', code: 'puffs' }, 'Quantity')).toEqual([
      { v: 2, s: 'http://unitsofmeasure.org', c: 'puffs' },
    ]);
    expect(quantities({ value: 7 }, 'Quantity')).toEqual([{ v: 7 }]);
  });

  it('treats Age and Duration as quantities', () => {
    expect(quantities({ value: 42, unit: 'yr', system: 'http://unitsofmeasure.org', code: 'a' }, 'Age')).toEqual([
      { v: 42, s: 'http://unitsofmeasure.org', c: 'a', u: 'yr', cv: 1325419200, cc: 's' },
    ]);
  });

  it('stores Money with its ISO 4217 currency', () => {
    expect(quantities({ value: 120.5, currency: 'USD' }, 'Money')).toEqual([{ v: 120.5, s: 'urn:iso:std:iso:4217', c: 'USD' }]);
  });

  it('stores a Range as its low and high quantities', () => {
    const range = { low: { value: 20, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' }, high: { value: 30 } };
    expect(quantities(range, 'Range')).toEqual([{ v: 20, s: 'http://unitsofmeasure.org', c: 'a', u: 'a', cv: 631152000, cc: 's' }, { v: 30 }]);
  });

  it('gives nothing for a quantity without a value, or for SampledData', () => {
    expect(quantities({ unit: 'mg' }, 'Quantity')).toEqual([]);
    expect(quantities({ origin: { value: 0 }, period: 10, dimensions: 1, data: '1 2 3' }, 'SampledData')).toEqual([]);
  });
});
