import { foldText } from './fold-text';

describe('foldText (R4 search.html#string: case- and accent-insensitive matching)', () => {
  it('removes accents and case', () => {
    expect(foldText('Zoë  MÜLLER')).toBe('zoe muller');
    expect(foldText('Ångström')).toBe('angstrom');
    expect(foldText('ÇELİK')).toBe('celik');
  });

  it('collapses runs of white space of any kind and trims', () => {
    expect(foldText('  Main\t\tStreet \n 12 ')).toBe('main street 12');
    expect(foldText('a  b')).toBe('a b');
    expect(foldText(' a')).toBe('a');
  });

  it('leaves already folded text as it is', () => {
    expect(foldText('blood pressure')).toBe('blood pressure');
    expect(foldText('')).toBe('');
  });
});
