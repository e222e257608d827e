import { canonicalUcum } from './ucum-canonical';

describe('canonicalUcum (R4 search.html#quantity: comparing quantities in canonical units)', () => {
  it('expresses mass, volume and concentration in base units with a stable code', () => {
    expect(canonicalUcum(5.4, 'mg')).toEqual({ value: 0.0054, code: 'g' });
    expect(canonicalUcum(70, 'kg')).toEqual({ value: 70000, code: 'g' });
    expect(canonicalUcum(1, 'L')).toEqual({ value: 0.001, code: 'm3' });
    expect(canonicalUcum(14, 'g/dL')).toEqual({ value: 140000, code: 'g.m-3' });
    expect(canonicalUcum(22.5, 'kg/m2')).toEqual({ value: 22500, code: 'g.m-2' });
  });

  it('gives equal values for equal quantities written in different units', () => {
    expect(canonicalUcum(5.4, 'mg')).toEqual(canonicalUcum(0.0054, 'g'));
    expect(canonicalUcum(1.5, 'h')).toEqual(canonicalUcum(90, 'min'));
    expect(canonicalUcum(120, 'mm[Hg]')!.code).toBe(canonicalUcum(16, 'kPa')!.code);
  });

  it('converts the affine temperature scales, not just scales them', () => {
    expect(canonicalUcum(37, 'Cel')).toEqual({ value: 310.15, code: 'K' });
    expect(canonicalUcum(0, 'Cel')).toEqual({ value: 273.15, code: 'K' });
    expect(canonicalUcum(98.6, '[degF]')).toEqual({ value: 310.15, code: 'K' });
  });

  it('converts non-linear special units value by value', () => {
    const ph7 = canonicalUcum(7, '[pH]')!;
    const ph6 = canonicalUcum(6, '[pH]')!;
    expect(ph7.code).toBe('m-3');
    expect(ph6.value / ph7.value).toBeCloseTo(10, 6);
  });

  it('treats rates and dimensionless units consistently', () => {
    expect(canonicalUcum(72, '/min')).toEqual({ value: 1.2, code: 's-1' });
    expect(canonicalUcum(5, '%')).toEqual({ value: 0.05, code: '1' });
    expect(canonicalUcum(3, '1')).toEqual({ value: 3, code: '1' });
  });

  it('is undefined for codes that are not UCUM and for non-finite values', () => {
    expect(canonicalUcum(1, 'mmHg')).toBeUndefined();
    expect(canonicalUcum(1, 'not a unit')).toBeUndefined();
    expect(canonicalUcum(1, ' mg')).toBeUndefined();
    expect(canonicalUcum(1, '')).toBeUndefined();
    expect(canonicalUcum(Number.NaN, 'mg')).toBeUndefined();
    expect(canonicalUcum(Number.POSITIVE_INFINITY, 'mg')).toBeUndefined();
  });

  it('answers from memory after the first conversion of a unit: the library is asked once per unit', () => {
    const library = (require('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): { convertToBaseUnits: (...a: unknown[]) => unknown } } }).UcumLhcUtils.getInstance();
    const spy = jest.spyOn(library, 'convertToBaseUnits');
    try {
      for (let i = 0; i < 1000; i++) expect(canonicalUcum(i, 'ng')).toEqual({ value: expect.closeTo(i * 1e-9, 15), code: 'g' });
      expect(spy.mock.calls.filter(([unit]) => unit === 'ng').length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });
});
