import { escapeValue, splitFirst, splitUnescaped, unescapeValue } from './escaping';

describe('search value escaping (R4 search.html#escaping)', () => {
  it('splits OR alternatives on commas, but not on an escaped comma', () => {
    expect(splitUnescaped('a,b\\,c,d', ',').map(unescapeValue)).toEqual(['a', 'b,c', 'd']);
  });

  it('keeps an escaped backslash as one backslash, and a comma after it still separates', () => {
    expect(splitUnescaped('a\\\\,b', ',').map(unescapeValue)).toEqual(['a\\', 'b']);
  });

  it('splits system|code at the first unescaped bar only', () => {
    expect(splitFirst('http://x\\|y|code|more', '|')).toEqual(['http://x\\|y', 'code|more']);
    expect(splitFirst('no-bar', '|')).toBeUndefined();
  });

  it('splits composite components on unescaped $', () => {
    expect(splitUnescaped('a\\$b$c', '$').map(unescapeValue)).toEqual(['a$b', 'c']);
  });

  it('leaves a backslash before any other character as written', () => {
    expect(unescapeValue('a\\nb')).toBe('a\\nb');
  });

  it('escapes exactly what it unescapes', () => {
    const text = 'a,b|c$d\\e';
    expect(unescapeValue(escapeValue(text))).toBe(text);
    expect(splitUnescaped(escapeValue(text), ',')).toHaveLength(1);
  });
});
