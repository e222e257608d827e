import { elementInfo, elementNames, isList, typeSuffix, type ElementInfo } from '../definitions/elements';
import { malformed, notApplicable } from './patch-fault';

/**
 * The `value` of a FHIRPath Patch operation (http://hl7.org/fhir/R4/fhirpatch.html): a `value[x]` of any type,
 * a `resource`, or, for elements that are not data types (backbone elements) or when a client prefers it, a list
 * of `part`s that each name a child element and give its value the same way. The value is read without the
 * resource (400 when malformed) and built into JSON once the target element, and so its type, is known.
 */
export type PatchValue =
  | { readonly kind: 'typed'; readonly suffix: string; readonly json: unknown }
  | { readonly kind: 'resource'; readonly json: unknown }
  | { readonly kind: 'parts'; readonly parts: readonly NamedPatchValue[] };

export interface NamedPatchValue {
  readonly name: string;
  readonly value: PatchValue;
}

type Json = Record<string, unknown>;

/** Members a Parameters.parameter (and its parts) may have besides its value. */
const PARAMETER_MEMBERS: ReadonlySet<string> = new Set(['name', 'id', 'extension', 'modifierExtension']);

/** Reads the value of `parameter` (a `Parameters.parameter` or one of its parts). `where` names it for errors. */
export function readPatchValue(parameter: Json, where: string): PatchValue {
  const valueKeys = Object.keys(parameter).filter((k) => !PARAMETER_MEMBERS.has(k));
  if (valueKeys.length !== 1) {
    const found = valueKeys.join(', ') || 'none';
    throw malformed(`${where} must have exactly one of value[x], resource or part, found ${found}`);
  }
  const key = valueKeys[0];
  const json = parameter[key];
  if (json === null || json === undefined) throw malformed(`${where} has an empty '${key}'`);
  if (key === 'resource') {
    if (!isObject(json) || typeof json.resourceType !== 'string') {
      throw malformed(`${where}.resource must be a resource`);
    }
    return { kind: 'resource', json: structuredClone(json) };
  }
  if (key === 'part') return { kind: 'parts', parts: readParts(json, where) };
  if (/^value[A-Z][A-Za-z0-9]*$/.test(key)) {
    return { kind: 'typed', suffix: key.slice('value'.length), json: structuredClone(json) };
  }
  if (key.startsWith('_')) throw malformed(`${where} has '${key}': extensions on primitive values are not supported`);
  throw malformed(`${where} has an unexpected member '${key}'`);
}

function readParts(parts: unknown, where: string): NamedPatchValue[] {
  if (!Array.isArray(parts) || parts.length === 0) throw malformed(`${where}.part must be a non-empty list`);
  return parts.map((part: unknown, i) => {
    const partWhere = `${where}.part[${i}]`;
    if (!isObject(part) || typeof part.name !== 'string' || part.name === '') {
      throw malformed(`${partWhere} must be an object with a name`);
    }
    return { name: part.name, value: readPatchValue(part, partWhere) };
  });
}

/** A child element ready to set: the JSON property name (typed for a choice, e.g. `valueQuantity`) and its JSON. */
export interface BuiltElement {
  readonly key: string;
  readonly json: unknown;
}

/**
 * Builds the child element `name` from `value`. `info` is that child's definition when the owner's type is known;
 * without it the value is built as given (the repository validates the patched resource anyway).
 */
export function buildElement(info: ElementInfo | undefined, name: string, value: PatchValue): BuiltElement {
  if (info?.choice) {
    const type = choiceType(info, name, value);
    return { key: info.name + typeSuffix(type), json: buildValue(value, type) };
  }
  return { key: name, json: buildValue(value, info?.types.length === 1 ? info.types[0] : undefined) };
}

/** The JSON for `value` as an element of type `type` (a type name or backbone path; undefined when unknown). */
export function buildValue(value: PatchValue, type: string | undefined): unknown {
  if (value.kind !== 'parts') return value.json;
  const object: Json = {};
  for (const part of value.parts) {
    const info = type === undefined ? undefined : elementInfo(type, part.name);
    if (type !== undefined && info === undefined && elementNames(type) !== undefined) {
      throw notApplicable(`${type} has no element '${part.name}'`);
    }
    const { key, json } = buildElement(info, part.name, part.value);
    const existing = object[key];
    if (info && isList(info)) object[key] = [...((existing as unknown[] | undefined) ?? []), json];
    else if (existing === undefined) object[key] = json;
    else if (info) throw notApplicable(`${type} allows one '${part.name}', the value has more`);
    // Without a definition to ask, a repeated name is the only sign of a list.
    else object[key] = Array.isArray(existing) ? [...existing, json] : [existing, json];
  }
  return object;
}

/** Which type of a choice element the value takes: from its `value[x]` suffix or from a typed element name. */
function choiceType(info: ElementInfo, name: string, value: PatchValue): string {
  if (value.kind === 'typed') {
    const type = info.types.find((t) => typeSuffix(t) === value.suffix);
    if (type === undefined) throw notApplicable(`${info.path} cannot hold a value${value.suffix} (name ${name})`);
    return type;
  }
  if (info.types.length === 1) return info.types[0];
  const example = info.name + typeSuffix(info.types.find((t) => /^[A-Z]/.test(t)) ?? info.types[0]);
  throw notApplicable(`${info.path} is a choice: give a value in parts a typed name, e.g. ${example}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
