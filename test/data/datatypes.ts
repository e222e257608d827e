import type { Address, CodeableConcept, Coding, ContactPoint, Money, Quantity } from 'fhir/r4';
import type { Random } from './random';
import { SYSTEM } from './vocabulary/systems';
import { STREETS, type City } from './vocabulary/places';

/** Small constructors for the R4 data types the builders repeat. */
export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

export function concept(system: string, code: string, display?: string, text?: string): CodeableConcept {
  const cc: CodeableConcept = { coding: [coding(system, code, display)] };
  if (text !== undefined) cc.text = text;
  return cc;
}

export function ucum(value: number, unit: string, code: string): Quantity {
  return { value, unit, system: SYSTEM.ucum, code };
}

/** Money from integer cents, so sums are exact. */
export function usd(cents: number): Money {
  return { value: cents / 100, currency: 'USD' };
}

export function homeAddress(rng: Random, city: City): Address {
  const line = [`${rng.int(1, 9899)} ${rng.pick(STREETS)}`];
  if (rng.chance(0.2)) line.push(`Apt ${rng.int(1, 40)}${rng.pick(['A', 'B', 'C'])}`);
  return { use: 'home', line, city: city.city, state: city.state, postalCode: city.postalCode, country: 'US' };
}

export function workAddress(rng: Random, city: City): Address {
  return {
    use: 'work',
    line: [`${rng.int(100, 2999)} ${rng.pick(STREETS)}`],
    city: city.city,
    state: city.state,
    postalCode: city.postalCode,
    country: 'US',
  };
}

/** 555-01xx numbers are reserved for fiction, so generated phone numbers never reach a real person. */
export function phone(rng: Random, use: ContactPoint['use']): ContactPoint {
  return { system: 'phone', value: `${rng.int(201, 989)}-555-01${rng.digits(2)}`, use };
}

/**
 * A National Provider Identifier: nine digits starting with 1 or 2 plus a Luhn check digit computed over
 * the 80840 prefix, as CMS specifies, so generated NPIs pass real validators.
 */
export function npi(rng: Random): string {
  const base = `${rng.int(1, 2)}${rng.digits(8)}`;
  const digits = `80840${base}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}
