/**
 * Folds text for string search, which R4 defines as case- and accent-insensitive
 * (http://hl7.org/fhir/R4/search.html#string): Unicode NFD, combining marks removed, lower-cased, runs of white
 * space collapsed to one space, trimmed. `Zoë  MÜLLER` -> `zoe muller`. The query side folds search values with
 * this same function, so both sides agree by construction.
 */
const COMBINING_MARKS = /\p{M}+/gu;
const WHITE_SPACE = /\s+/g;
/** Printable ASCII: no accents to strip and no white space but the plain space. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function foldText(text: string): string {
  if (PLAIN_ASCII.test(text)) {
    const lower = text.toLowerCase();
    const regular = !lower.includes('  ') && !lower.startsWith(' ') && !lower.endsWith(' ');
    return regular ? lower : lower.replace(WHITE_SPACE, ' ').trim();
  }
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(WHITE_SPACE, ' ').trim();
}
