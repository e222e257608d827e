import { evaluate, type ResourceNode } from 'fhirpath';
import * as r4Model from 'fhirpath/fhir-context/r4';
import { elementInfo, isList, typeSuffix, type ElementInfo } from '../definitions/elements';
import { malformed, notApplicable } from './patch-fault';

/**
 * Finds where in the resource's JSON a FHIRPath Patch operation applies. fhirpath evaluates the path with the R4
 * model and, with `resolveInternalTypes: false`, answers with nodes that remember their parent node, property
 * name and list index; those lead back to the JSON object and property to edit. Types come from the R4
 * StructureDefinitions by walking from the resource down the nodes' property names.
 */

export type Json = Record<string, unknown>;

/** An element of the resource: `parent[key]`, or `parent[key][index]` when the element is a list item. */
export interface ElementLocation {
  readonly parent: Json;
  /** The parent's type or backbone path (`Patient.contact`); undefined when it cannot be determined. */
  readonly parentType: string | undefined;
  /** The JSON property name, typed for a choice element (`valueQuantity`). */
  readonly key: string;
  readonly index: number | undefined;
  /** The definition of `key` in `parentType`, when known. */
  readonly info: ElementInfo | undefined;
}

/** A list element of an object, possibly absent (empty) so far. */
export interface ListLocation {
  readonly parent: Json;
  readonly key: string;
  readonly items: readonly unknown[];
  readonly itemType: string | undefined;
}

/** The path's final step when it is a plain element name: `Patient.name[0]` + `given`. */
const LAST_STEP = /^(.+)\.([A-Za-z_][A-Za-z0-9_]*|`[^`]+`)$/;

/** Evaluates `path` against `resource` to the resource's own element nodes. */
export function selectNodes(resource: Json, path: string): ResourceNode[] {
  let result: unknown[];
  try {
    result = evaluate(resource, path, { resource }, r4Model, { resolveInternalTypes: false });
  } catch (e) {
    throw malformed(`path '${path}' cannot be evaluated: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result.map((item) => {
    if (!isNode(item) || rootOf(item).data !== resource) {
      throw malformed(`path '${path}' must select elements of the resource, not computed values`);
    }
    return item;
  });
}

/** The single node `path` selects, or a 422 saying how many it selected. */
export function selectOne(resource: Json, path: string, why: string): ResourceNode {
  const nodes = selectNodes(resource, path);
  if (nodes.length !== 1) {
    const matches = nodes.length === 0 ? 'nothing' : `${nodes.length} elements`;
    throw notApplicable(`path '${path}' matches ${matches}; ${why}`);
  }
  return nodes[0];
}

export function isRoot(node: ResourceNode): boolean {
  return !node.parentResNode;
}

/** The JSON object a node stands for, or a 422 when it is a primitive value. */
export function objectOf(node: ResourceNode, path: string): Json {
  if (!isObject(node.data)) {
    throw unsupported(`path '${path}' selects a primitive value; extensions on primitives are not supported`);
  }
  return node.data;
}

/** Where a non-root node sits in its parent's JSON. */
export function locate(node: ResourceNode): ElementLocation {
  const parentNode = node.parentResNode!;
  // fhirpath reaches a primitive's extensions (`_birthDate`) through the primitive's node.
  if (!isObject(parentNode.data)) {
    throw unsupported(`${node.fullPropertyName() ?? 'the element'} is in an extension of a primitive value`);
  }
  const parent = parentNode.data;
  const parentType = typeOf(parentNode);
  const key = jsonKey(parent, parentType, node.propName ?? '');
  const index = typeof node.index === 'number' ? node.index : undefined;
  const current = parent[key];
  if (index === undefined ? current === undefined : !Array.isArray(current) || index >= current.length) {
    throw unsupported(`${node.fullPropertyName() ?? key} has no value, only extensions`);
  }
  return { parent, parentType, key, index, info: parentType ? elementInfo(parentType, key) : undefined };
}

/**
 * The list a path names (`Patient.identifier`, `Patient.name[0].given`), found from its parent so that an empty
 * list can be inserted into: the path's last step must be the list's element name.
 */
export function locateList(resource: Json, path: string, operation: string): ListLocation {
  const match = LAST_STEP.exec(path);
  if (!match) throw malformed(`'${operation}' needs a path ending in the list's element name, e.g. Patient.identifier`);
  const [, parentPath, step] = match;
  const key = step.replace(/`/g, '');
  const parentNode = selectOne(resource, parentPath, `'${operation}' needs exactly one element holding the list`);
  const parent = objectOf(parentNode, parentPath);
  const parentType = typeOf(parentNode);
  const info = parentType ? elementInfo(parentType, key) : undefined;
  if (parentType && !info) throw notApplicable(`${parentType} has no element '${key}'`);
  if (info && !isList(info)) throw notApplicable(`${info.path} is not a list (max ${info.max})`);
  const items = parent[key] ?? [];
  if (!Array.isArray(items)) throw notApplicable(`'${path}' is not a list`);
  return { parent, key, items, itemType: info?.types.length === 1 ? info.types[0] : undefined };
}

/**
 * The FHIR type of a node (or backbone path), walking down from the resource: fhirpath's own type names stop at
 * `BackboneElement`, which says nothing of the element's children.
 */
export function typeOf(node: ResourceNode): string | undefined {
  if (isObject(node.data) && typeof node.data.resourceType === 'string') return node.data.resourceType;
  const parentNode = node.parentResNode;
  if (!parentNode || !isObject(parentNode.data)) return undefined;
  const parentType = typeOf(parentNode);
  if (!parentType) return undefined;
  const info = elementInfo(parentType, jsonKey(parentNode.data, parentType, node.propName ?? ''));
  return info?.types.length === 1 ? info.types[0] : undefined;
}

/**
 * fhirpath names a choice element `value` or `valueQuantity` depending on how the path reached it; the JSON
 * always has the typed name.
 */
function jsonKey(parent: Json, parentType: string | undefined, propName: string): string {
  if (propName in parent) return propName;
  const info = parentType ? elementInfo(parentType, propName) : undefined;
  if (info?.choice) return info.types.map((t) => info.name + typeSuffix(t)).find((k) => k in parent) ?? propName;
  if (parentType) return propName;
  return Object.keys(parent).find((k) => k.startsWith(propName) && /^[A-Z]/.test(k.slice(propName.length))) ?? propName;
}

/** Extensions of primitive values (`_birthDate`) are not supported by this server's FHIRPath Patch. */
function unsupported(message: string) {
  return notApplicable(`${message}; extensions on primitive values are not supported`, 'not-supported');
}

function rootOf(node: ResourceNode): ResourceNode {
  let current = node;
  while (current.parentResNode) current = current.parentResNode;
  return current;
}

function isNode(value: unknown): value is ResourceNode {
  return isObject(value) && 'parentResNode' in value && 'propName' in value && 'data' in value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
