/**
 * Search value escaping (R4 search.html#escaping): in a parameter value `,` separates OR alternatives, `|`
 * separates a system or unit from a code, and `$` separates composite components; `\,` `\|` `\$` and `\\` stand
 * for the characters themselves. Values are split on unescaped separators first and unescaped last, so an
 * escaped separator never splits and always arrives in the value as its literal character.
 */

/** Splits on `separator` where it is not escaped; the parts keep their escapes. */
export function splitUnescaped(text: string, separator: ',' | '|' | '$'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Splits at the first unescaped `separator` only: `a|b|c` -> [`a`, `b|c`]; undefined when there is none.
 */
export function splitFirst(text: string, separator: '|' | '$'): [string, string] | undefined {
  const parts = splitUnescaped(text, separator);
  if (parts.length < 2) return undefined;
  return [parts[0], text.slice(parts[0].length + 1)];
}

/** Replaces `\,` `\|` `\$` and `\\` by the characters they stand for; any other backslash stays as written. */
export function unescapeValue(text: string): string {
  return text.replace(/\\([\\,|$])/g, '$1');
}

/** The inverse of unescapeValue, for writing values back into links. */
export function escapeValue(text: string): string {
  return text.replace(/[\\,|$]/g, (ch) => `\\${ch}`);
}
