import type { ErrorObject, FuncKeywordDefinition } from 'ajv';
import type { ChoiceRule } from './element-rules';
import { isJsonObject, type JsonObject } from './json-values';

/**
 * Custom ajv keywords that the in-memory schema transform (schema-transform.ts) places on definitions.
 * Some judge what JSON Schema cannot express (calendar dates, required primitives, choice elements). Others only
 * note, while ajv walks a resource, what the FHIR rules beyond the schema need, so no second schema-aware walk
 * is required: each validation call passes a fresh SchemaRun as `this` (ajv option `passContext`), which keeps
 * these keywords free of shared state.
 */

/** Marks where the official schema had `ResourceList`: a resource inside the resource. */
export const NESTED_RESOURCE = 'fhirNestedResource';
/** Marks the Reference datatype, so every Reference is seen with its path. */
export const REFERENCE = 'fhirReference';
/** Marks uri, url and canonical: a value `#id` there also refers to a contained resource (dom-3). */
export const LOCAL_URI = 'fhirLocalUri';
/** Marks date, dateTime and instant: "Dates SHALL be valid dates" (https://hl7.org/fhir/R4/datatypes.html#date). */
export const CALENDAR_DATE = 'fhirCalendarDate';
/** Lists required elements the schema does not require (primitives); its errors are `required` errors. */
export const REQUIRED_ELEMENTS = 'fhirRequiredElements';
/** Lists choice elements: at most one variant present, exactly one when the choice is required. */
export const CHOICE = 'fhirChoice';

/** The part of ajv's data validation context read here. */
interface DataContext {
  readonly instancePath: string;
}

/**
 * `contained` resources share their container's local ids (https://hl7.org/fhir/R4/references.html#contained);
 * standalone ones (Bundle.entry.resource, Bundle.entry.response.outcome, Parameters.parameter.resource) do not.
 */
export type NestedKind = 'contained' | 'standalone';

export interface NestedResourceHit {
  readonly kind: NestedKind;
  readonly resource: JsonObject & { resourceType: string };
  readonly instancePath: string;
}

export interface ReferenceHit {
  readonly reference: string;
  /** Path of the Reference element (not of its `reference` property). */
  readonly instancePath: string;
}

/** What one validation call of one resource noticed. Arrays are created on first use: most resources need few. */
export class SchemaRun {
  nested?: NestedResourceHit[];
  references?: ReferenceHit[];
  localUris?: string[];
}

function noteNestedResource(this: SchemaRun, kind: NestedKind, data: unknown, _parent: unknown, cxt?: DataContext) {
  if (isJsonObject(data) && typeof data.resourceType === 'string') {
    const resource = data as NestedResourceHit['resource'];
    (this.nested ??= []).push({ kind, resource, instancePath: cxt?.instancePath ?? '' });
  }
  return true;
}

function noteReference(this: SchemaRun, _schema: unknown, data: unknown, _parent: unknown, cxt?: DataContext) {
  if (isJsonObject(data) && typeof data.reference === 'string') {
    (this.references ??= []).push({ reference: data.reference, instancePath: cxt?.instancePath ?? '' });
  }
  return true;
}

function noteLocalUri(this: SchemaRun, _schema: unknown, data: unknown) {
  if (typeof data === 'string' && data.charCodeAt(0) === 35 /* # */) (this.localUris ??= []).push(data);
  return true;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The schema's patterns check the shape (month 01-12, day 01-31); this adds the length of the month.
 * Digits are read with charCodeAt: this runs for every date of every resource.
 */
function isCalendarDate(_schema: unknown, data: unknown) {
  if (typeof data !== 'string' || data.length < 10) return true;
  const year = digits(data, 0, 4);
  const month = digits(data, 5, 7);
  const day = digits(data, 8, 10);
  if (!(month >= 1 && month <= 12 && day >= 1)) return true;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The number written with the decimal digits from `start` to `end`, or NaN. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** A compiled keyword's check: ajv reads its errors after a call that returns false. */
interface DataCheck {
  (data: unknown): boolean;
  errors?: Partial<ErrorObject>[];
}

/**
 * A primitive is present when its value or its `_x` extension half is
 * (https://hl7.org/fhir/R4/json.html#primitive).
 */
function compileRequiredElements(required: readonly string[]): DataCheck {
  const pairs = required.map((name) => [name, `_${name}`] as const);
  const check: DataCheck = (data: unknown) => {
    check.errors = undefined;
    if (!isJsonObject(data)) return true;
    for (const [name, extensionName] of pairs) {
      if (data[name] === undefined && data[extensionName] === undefined) {
        (check.errors ??= []).push({ keyword: 'required', params: { missingProperty: name } });
      }
    }
    return check.errors === undefined;
  };
  return check;
}

/** Parameters of a CHOICE error: the choice is missing, or several of its variants are present. */
export type ChoiceErrorParams = { choice: string; missing: true } | { choice: string; present: string[] };

function compileChoices(choices: readonly ChoiceRule[]): DataCheck {
  const groupOf = new Map<string, number>();
  choices.forEach(({ variants }, group) => {
    for (const variant of variants) groupOf.set(variant, group).set(`_${variant}`, group);
  });
  const check: DataCheck = (data: unknown) => {
    check.errors = undefined;
    if (!isJsonObject(data)) return true;
    // Objects have few properties, choices many variants (Extension.value[x] has 50): look up the properties.
    let found: Array<string[] | undefined> | undefined;
    for (const key in data) {
      const group = groupOf.get(key);
      if (group === undefined) continue;
      const variant = key.charCodeAt(0) === 95 /* _ */ ? key.slice(1) : key;
      const variants = ((found ??= [])[group] ??= []);
      if (!variants.includes(variant)) variants.push(variant);
    }
    for (let group = 0; group < choices.length; group++) {
      const present = found?.[group];
      if (present === undefined ? !choices[group].required : present.length === 1) continue;
      const choice = choices[group].name;
      const params: ChoiceErrorParams = present === undefined ? { choice, missing: true } : { choice, present };
      (check.errors ??= []).push({ keyword: CHOICE, params });
    }
    return check.errors === undefined;
  };
  return check;
}

export const schemaKeywords: FuncKeywordDefinition[] = [
  { keyword: NESTED_RESOURCE, schemaType: 'string', errors: false, validate: noteNestedResource },
  { keyword: REFERENCE, schemaType: 'boolean', errors: false, validate: noteReference },
  { keyword: LOCAL_URI, schemaType: 'boolean', errors: false, validate: noteLocalUri },
  { keyword: CALENDAR_DATE, schemaType: 'boolean', errors: false, validate: isCalendarDate },
  { keyword: REQUIRED_ELEMENTS, schemaType: 'array', compile: compileRequiredElements },
  { keyword: CHOICE, schemaType: 'array', compile: compileChoices },
];
