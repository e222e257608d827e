/**
 * Quantities in canonical UCUM units, so that a search for `5.4|http://unitsofmeasure.org|mg` finds `0.0054 g`
 * (R4 search.html#quantity: "the server SHOULD ... compare the quantities in canonical units"). The conversion
 * comes from @lhncbc/ucum-lhc and is memoized per unit as `value * scale + offset`: every UCUM unit is linear
 * except the special units, and of those the temperature scales (Cel, [degF], ...) are affine; the rest (pH,
 * decibels, ...) are converted by the library value by value. http://unitsofmeasure.org/ucum.html
 */
export interface CanonicalQuantity {
  value: number;
  /** Base units with their exponents, sorted by unit, dot-separated: `g`, `g.m-3`, `s-1`; `1` when dimensionless. */
  code: string;
}

interface ConversionResult {
  status: string;
  magnitude?: number;
  unitToExp?: Record<string, number>;
}

interface UcumUtils {
  convertToBaseUnits(unit: string, value: number): ConversionResult;
}

type UnitConversion = { code: string; scale: number; offset: number } | { code: string; special: true };

/** Canonical values keep 12 significant digits, so `5.4 mg` and `0.0054 g` agree despite binary floating point. */
const SIGNIFICANT_DIGITS = 12;
/** Units seen are remembered; a flood of distinct (mostly invalid) units from data only costs a fresh start. */
const MAX_REMEMBERED_UNITS = 10_000;

/**
 * UCUM codes contain no white space (ucum.html, "Character Set and Lexical Rules"); the library also trims and accepts ` mg`, and logs to the
 * console on a blank inside a code, so such codes are refused before it sees them.
 */
const WHITE_SPACE = /\s/;

let ucum: UcumUtils | undefined;
const conversions = new Map<string, UnitConversion | null>();

/** The canonical UCUM form of `value` `code`, or undefined when `code` is not a UCUM unit the library converts. */
export function canonicalUcum(value: number, code: string): CanonicalQuantity | undefined {
  if (!Number.isFinite(value) || code.length === 0 || WHITE_SPACE.test(code)) return undefined;
  const conversion = conversionOf(code);
  if (!conversion) return undefined;
  if (!('special' in conversion)) return { value: round(value * conversion.scale + conversion.offset), code: conversion.code };
  const result = library().convertToBaseUnits(code, value);
  if (result.status !== 'succeeded' || !Number.isFinite(result.magnitude)) return undefined;
  return { value: round(result.magnitude!), code: conversion.code };
}

function conversionOf(code: string): UnitConversion | undefined {
  let conversion = conversions.get(code);
  if (conversion === undefined) {
    if (conversions.size >= MAX_REMEMBERED_UNITS) conversions.clear();
    conversion = computeConversion(code);
    conversions.set(code, conversion);
  }
  return conversion ?? undefined;
}

function computeConversion(unit: string): UnitConversion | null {
  const one = library().convertToBaseUnits(unit, 1);
  if (one.status !== 'succeeded' || !Number.isFinite(one.magnitude) || !one.unitToExp) return null;
  const code = canonicalCode(one.unitToExp);
  const zero = magnitudeAt(unit, 0);
  const ten = magnitudeAt(unit, 10);
  if (zero === undefined || ten === undefined) return { code, special: true };
  const scale = one.magnitude! - zero;
  const expected = 10 * scale + zero;
  const affine = Math.abs(ten - expected) <= 1e-9 * Math.max(Math.abs(ten), Math.abs(expected), 1);
  return affine ? { code, scale, offset: zero } : { code, special: true };
}

function magnitudeAt(unit: string, value: number): number | undefined {
  const result = library().convertToBaseUnits(unit, value);
  return result.status === 'succeeded' && Number.isFinite(result.magnitude) ? result.magnitude : undefined;
}

function canonicalCode(unitToExp: Record<string, number>): string {
  const parts = Object.keys(unitToExp)
    .filter((unit) => unitToExp[unit] !== 0)
    .sort()
    .map((unit) => (unitToExp[unit] === 1 ? unit : `${unit}${unitToExp[unit]}`));
  return parts.length > 0 ? parts.join('.') : '1';
}

function round(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

/** Loaded on first use: the UCUM tables take a while to read and many processes never convert a unit. */
function library(): UcumUtils {
  if (!ucum) {
    const pkg = require('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): UcumUtils } };
    ucum = pkg.UcumLhcUtils.getInstance();
  }
  return ucum;
}
