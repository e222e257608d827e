/**
 * Comparison prefixes of number, date and quantity values (R4 search.html#prefix). A prefix is two lowercase
 * letters in front of the value; without one, `eq` is meant.
 */
export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

export const PREFIXES: readonly Prefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/**
 * Takes the prefix off a value when the rest looks like what the type takes (a digit, a sign or a decimal
 * point), so a value is never half-read: `ge2020` is `ge` and `2020`, `2020` is `eq` and `2020`.
 */
export function splitPrefix(value: string): { prefix: Prefix; rest: string } {
  const head = value.slice(0, 2) as Prefix;
  if (PREFIXES.includes(head) && /^[-+.\d]/.test(value.slice(2))) return { prefix: head, rest: value.slice(2) };
  return { prefix: 'eq', rest: value };
}

/**
 * Whether a value starts with a comparison prefix followed by what a number or date would look like: such a
 * value on a token, string, reference or uri parameter is a prefix the type does not take.
 */
export function looksPrefixed(value: string): boolean {
  return PREFIXES.includes(value.slice(0, 2) as Prefix) && /^\d{1,4}(?:[-.:T]\d|$)/.test(value.slice(2));
}
