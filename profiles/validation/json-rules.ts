import type { IssueInput } from '../../resources/errors/fhir-error';
import { childExpression } from './fhir-path';
import { isJsonObject, type JsonObject } from './json-values';

/**
 * FHIR JSON has no empty or null values (https://hl7.org/fhir/R4/json.html#json): an element is either absent
 * or has content. Strings are never empty, objects have properties, arrays have items, and `null` appears only
 * inside the arrays of a repeating primitive, to keep `x` and `_x` aligned when only one side has an entry at that
 * position (https://hl7.org/fhir/R4/json.html#primitive). JSON Schema says none of this for objects and arrays.
 */
export function jsonRuleIssues(resource: JsonObject, expression: string): JsonRuleResult {
  const walk = new JsonWalk(expression);
  walk.object(resource);
  return { issues: walk.issues, tooDeep: walk.tooDeep };
}

export interface JsonRuleResult {
  readonly issues: IssueInput[];
  /** Nesting beyond MAX_DEPTH was found (and not walked): validating it could exhaust the call stack. */
  readonly tooDeep: boolean;
}

/**
 * Objects and arrays nested deeper than this are refused. Real resources stay far below (a Questionnaire with
 * ten levels of items is about 25 deep), while the compiled schema validators recurse once per level and a
 * payload of a few kilobytes nested a thousand deep would exhaust the call stack.
 */
export const MAX_DEPTH = 128;

/** True when `array[index]` is null but the sibling array (`x` for `_x`, `_x` for `x`) has a value there. */
export function isAlignedNull(owner: unknown, key: string, index: number): boolean {
  if (!isJsonObject(owner)) return false;
  const sibling = owner[siblingName(key)];
  return Array.isArray(sibling) && sibling[index] !== null && sibling[index] !== undefined;
}

function siblingName(key: string): string {
  return key.charCodeAt(0) === 95 /* _ */ ? key.slice(1) : `_${key}`;
}

/** Keeps the path as a stack of keys and spells an expression only for a problem: most resources have none. */
class JsonWalk {
  readonly issues: IssueInput[] = [];
  tooDeep = false;
  private readonly path: Array<string | number> = [];

  constructor(private readonly base: string) {}

  object(object: JsonObject): void {
    if (this.isTooDeep()) return;
    let empty = true;
    for (const key in object) {
      empty = false;
      const value = object[key];
      this.path.push(key);
      if (value === null) this.report(`null is not allowed for '${key}': leave the element out`);
      else if (Array.isArray(value)) this.array(object, key, value);
      else this.value(value);
      this.path.pop();
    }
    if (empty) this.report('Empty objects are not allowed: leave the element out');
  }

  private array(owner: JsonObject, key: string, array: unknown[]): void {
    if (this.isTooDeep()) return;
    if (array.length === 0) this.report('Empty arrays are not allowed: leave the element out');
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      this.path.push(i);
      if (item === null) {
        if (!isAlignedNull(owner, key, i)) {
          this.report(`null is not allowed in '${key}' unless '${siblingName(key)}' has an entry at that position`);
        }
      } else if (Array.isArray(item)) {
        this.report('Arrays of arrays are not allowed');
      } else {
        this.value(item);
      }
      this.path.pop();
    }
  }

  private value(value: unknown): void {
    if (value === '') this.report('Empty strings are not allowed: leave the element out');
    else if (typeof value === 'object' && value !== null) this.object(value as JsonObject);
    // JSON.parse reads a number beyond a double's range (1e400) as Infinity, which JSON cannot write back: stored,
    // it would come out as null, silently losing the value. No FHIR decimal of medicine is that large.
    else if (typeof value === 'number' && !Number.isFinite(value)) this.report('The number is beyond the range this server can store (about ±1.8e308)', 'value');
  }

  private isTooDeep(): boolean {
    if (this.path.length < MAX_DEPTH) return false;
    if (!this.tooDeep) this.report(`Elements are nested more than ${MAX_DEPTH} levels deep`);
    this.tooDeep = true;
    return true;
  }

  private report(diagnostics: string, code: 'structure' | 'value' = 'structure'): void {
    const expression = this.path.reduce<string>(childExpression, this.base);
    this.issues.push({ code, diagnostics, expression });
  }
}
