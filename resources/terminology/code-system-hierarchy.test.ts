import { allCodes, codesAbove, codesBelow } from './code-system-hierarchy';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

describe('subsumption within a code system (R4 search.html#token, :below and :above)', () => {
  it('finds a code and everything below it in the concept hierarchy', () => {
    const below = codesBelow(ACT_CODE, '_ActEncounterCode')!;
    expect(below).toContain('_ActEncounterCode');
    expect([...below]).toEqual(expect.arrayContaining(['AMB', 'EMER', 'IMP', 'ACUTE', 'NONAC']));
    expect(below.has('_ActAccountCode')).toBe(false);
  });

  it('finds a code and everything above it', () => {
    const above = codesAbove(ACT_CODE, 'ACUTE')!;
    expect([...above]).toEqual(expect.arrayContaining(['ACUTE', 'IMP', '_ActEncounterCode']));
    expect(above.has('AMB')).toBe(false);
  });

  it('gives a code without children just itself', () => {
    expect([...codesBelow(OBSERVATION_CATEGORY, 'laboratory')!]).toEqual(['laboratory']);
    expect([...codesAbove(OBSERVATION_CATEGORY, 'laboratory')!]).toEqual(['laboratory']);
  });

  it('lists all codes of a complete code system', () => {
    expect([...allCodes(OBSERVATION_CATEGORY)!].sort()).toEqual(
      ['activity', 'exam', 'imaging', 'laboratory', 'procedure', 'social-history', 'survey', 'therapy', 'vital-signs'],
    );
  });

  it('is undefined for an unknown system or code, and for systems whose content is not in the definitions', () => {
    expect(codesBelow('http://example.org/unknown', 'x')).toBeUndefined();
    expect(codesBelow(ACT_CODE, 'NO-SUCH-CODE')).toBeUndefined();
    expect(codesAbove('http://snomed.info/sct', '404684003')).toBeUndefined();
    expect(allCodes('http://loinc.org')).toBeUndefined();
  });
});
