import { parse } from 'fhirpath';
import { badRequest } from '../errors/fhir-error';
import { readPatchValue, type PatchValue } from './fhirpath-patch-value';
import { PatchFault, malformed } from './patch-fault';

/**
 * Reads a FHIRPath Patch document: a Parameters resource with one `operation` parameter per operation, each a
 * list of parts (http://hl7.org/fhir/R4/fhirpatch.html). The table below is the spec's table of which parts each
 * operation type takes; a missing, repeated, unknown or inapplicable part makes the document malformed (400).
 */
export type FhirPathPatchOperation =
  | { readonly type: 'add'; readonly path: string; readonly name: string; readonly value: PatchValue }
  | { readonly type: 'insert'; readonly path: string; readonly index: number; readonly value: PatchValue }
  | { readonly type: 'delete'; readonly path: string }
  | { readonly type: 'replace'; readonly path: string; readonly value: PatchValue }
  | { readonly type: 'move'; readonly path: string; readonly source: number; readonly destination: number };

export type OperationType = FhirPathPatchOperation['type'];

type PartName = 'path' | 'name' | 'value' | 'index' | 'source' | 'destination';

const PARTS_BY_TYPE: Readonly<Record<OperationType, readonly PartName[]>> = {
  add: ['path', 'name', 'value'],
  insert: ['path', 'value', 'index'],
  delete: ['path'],
  replace: ['path', 'value'],
  move: ['path', 'source', 'destination'],
};

const ALL_PARTS: ReadonlySet<string> = new Set(['type', 'path', 'name', 'value', 'index', 'source', 'destination']);

type Json = Record<string, unknown>;

export function parseFhirPathPatch(parameters: unknown): FhirPathPatchOperation[] {
  if (!isObject(parameters) || parameters.resourceType !== 'Parameters') {
    throw badRequest('A FHIRPath Patch document must be a Parameters resource');
  }
  const list = parameters.parameter ?? [];
  if (!Array.isArray(list)) throw badRequest('Parameters.parameter must be a list', 'Parameters.parameter');
  return list.map((parameter: unknown, index) => {
    try {
      return parseOperation(parameter);
    } catch (e) {
      if (e instanceof PatchFault) throw e.toFhirError(fhirPathPatchLabel(index), `Parameters.parameter[${index}]`);
      throw e;
    }
  });
}

/** `FHIRPath Patch operation 1 (replace Patient.birthDate)`: how diagnostics name an operation. */
export function fhirPathPatchLabel(index: number, operation?: FhirPathPatchOperation): string {
  const label = `FHIRPath Patch operation ${index}`;
  return operation ? `${label} (${operation.type} ${operation.path})` : label;
}

function parseOperation(parameter: unknown): FhirPathPatchOperation {
  if (!isObject(parameter) || parameter.name !== 'operation') {
    throw malformed("each parameter must be named 'operation'");
  }
  if (!Array.isArray(parameter.part)) throw malformed("an operation must have a 'part' list");
  const parts = partsByName(parameter.part as unknown[]);
  const type = stringPart(parts, 'type');
  if (!(type in PARTS_BY_TYPE)) {
    throw malformed(`type '${type}' is not one of ${Object.keys(PARTS_BY_TYPE).join(', ')}`);
  }
  const expected = PARTS_BY_TYPE[type as OperationType];
  for (const name of parts.keys()) {
    if (name !== 'type' && !expected.includes(name as PartName)) throw malformed(`'${type}' takes no '${name}' part`);
  }
  for (const name of expected) {
    if (!parts.has(name)) throw malformed(`'${type}' needs a '${name}' part`);
  }
  const path = fhirPath(stringPart(parts, 'path'));
  switch (type as OperationType) {
    case 'add':
      return { type: 'add', path, name: stringPart(parts, 'name'), value: valuePart(parts) };
    case 'insert':
      return { type: 'insert', path, index: indexPart(parts, 'index'), value: valuePart(parts) };
    case 'delete':
      return { type: 'delete', path };
    case 'replace':
      return { type: 'replace', path, value: valuePart(parts) };
    case 'move':
      return { type: 'move', path, source: indexPart(parts, 'source'), destination: indexPart(parts, 'destination') };
  }
}

/** Parts keyed by name, with their position for error messages. */
function partsByName(parts: unknown[]): Map<string, { part: Json; where: string }> {
  const byName = new Map<string, { part: Json; where: string }>();
  parts.forEach((part, i) => {
    const where = `part[${i}]`;
    if (!isObject(part) || typeof part.name !== 'string') throw malformed(`${where} must be an object with a name`);
    if (!ALL_PARTS.has(part.name)) throw malformed(`${where} has an unknown name '${part.name}'`);
    if (byName.has(part.name)) throw malformed(`the '${part.name}' part is repeated`);
    byName.set(part.name, { part, where });
  });
  return byName;
}

/** `type` is a code and `path` and `name` are strings in the spec; either primitive is accepted for each. */
function stringPart(parts: Map<string, { part: Json; where: string }>, name: string): string {
  const entry = parts.get(name);
  if (!entry) throw malformed(`an operation needs a '${name}' part`);
  const value = entry.part.valueString ?? entry.part.valueCode;
  if (typeof value !== 'string' || value.trim() === '') {
    throw malformed(`the '${name}' part (${entry.where}) must have a non-empty valueString or valueCode`);
  }
  return value;
}

function indexPart(parts: Map<string, { part: Json; where: string }>, name: string): number {
  const entry = parts.get(name)!;
  const value = entry.part.valueInteger ?? entry.part.valueUnsignedInt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw malformed(`the '${name}' part (${entry.where}) must have a valueInteger of 0 or more`);
  }
  return value;
}

function valuePart(parts: Map<string, { part: Json; where: string }>): PatchValue {
  const entry = parts.get('value')!;
  return readPatchValue(entry.part, `the 'value' part (${entry.where})`);
}

/** Syntax errors are caught here, before the resource is looked at, so they are reported as malformed. */
function fhirPath(path: string): string {
  try {
    parse(path);
  } catch (e) {
    // ANTLR lists every token it expected; the position and the token it found are what a client needs.
    const reason = firstLine(e).replace(/ expecting .*/, '');
    throw malformed(`path '${path}' is not a valid FHIRPath expression: ${reason}`);
  }
  return path;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
