import { badRequest } from '../../../errors/fhir-error';
import { splitPrefix, type Prefix } from './prefix';

/**
 * A number search value: the prefix, the value, and the implicit range its precision gives
 * (R4 search.html#number): `100` means [99.5, 100.5), `100.00` means [99.995, 100.005), and `1e2` means
 * [95, 105) as the specification's own example has it (exponent notation is one place finer than its digits).
 */
export interface NumberValue {
  prefix: Prefix;
  value: number;
  /** Inclusive low end of the implicit range. */
  low: number;
  /** Exclusive high end of the implicit range. */
  high: number;
}

const NUMBER = /^([-+]?(?:\d+(?:\.(\d*))?|\.(\d+)))(?:[eE]([-+]?\d+))?$/;

export function parseNumberValue(text: string, name: string): NumberValue {
  const { prefix, rest } = splitPrefix(text);
  const number = parseDecimal(rest);
  if (!number) throw badRequest(`'${text}' is not a number (parameter ${name})`, name);
  return { prefix, ...number };
}

/** A decimal as written, with its implicit range; undefined when the text is not a decimal. */
export function parseDecimal(text: string): { value: number; low: number; high: number } | undefined {
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const [, , fraction, bareFraction, exponent] = match;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const decimals = (fraction ?? bareFraction ?? '').length;
  const place = exponent === undefined ? -decimals : Number(exponent) - decimals - 1;
  const half = 0.5 * 10 ** place;
  return { value, low: round(value - half, place), high: round(value + half, place) };
}

/** Removes binary floating-point noise (99.49999999 for 99.5) at a precision finer than the value's own. */
function round(n: number, place: number): number {
  const digits = Math.min(Math.max(-place + 2, 0), 20);
  return Number(n.toFixed(digits));
}
