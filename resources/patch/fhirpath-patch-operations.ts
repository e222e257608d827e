import type { ResourceNode } from 'fhirpath';
import { elementInfo, isList, typeSuffix, type ElementInfo } from '../definitions/elements';
import type { FhirPathPatchOperation } from './fhirpath-patch-operation';
import { buildElement, buildValue } from './fhirpath-patch-value';
import {
  isRoot,
  locate,
  locateList,
  objectOf,
  selectNodes,
  selectOne,
  typeOf,
  type ElementLocation,
  type Json,
} from './fhirpath-locate';
import { insertItem, moveItem, removeItem, removeProperty } from './list-edit';
import { malformed, notApplicable } from './patch-fault';
import { PROTECTED_ROOT_ELEMENTS, protectedElementMessage } from './protected-elements';

/**
 * The five FHIRPath Patch operations, as the spec's table defines them (http://hl7.org/fhir/R4/fhirpatch.html).
 * Each edits `resource` (the server's working copy) in place or throws a PatchFault.
 */
export function applyOperation(resource: Json, operation: FhirPathPatchOperation): void {
  switch (operation.type) {
    case 'add':
      return add(resource, operation);
    case 'insert':
      return insert(resource, operation);
    case 'delete':
      return remove(resource, operation);
    case 'replace':
      return replace(resource, operation);
    case 'move':
      return move(resource, operation);
  }
}

type Operation<T extends FhirPathPatchOperation['type']> = Extract<FhirPathPatchOperation, { type: T }>;

/** add: the path is the one element that gets a new child `name`; a list child is appended to. */
function add(resource: Json, op: Operation<'add'>): void {
  const node = selectOne(resource, op.path, "'add' needs exactly one element to add to");
  const target = objectOf(node, op.path);
  if (isRoot(node) && PROTECTED_ROOT_ELEMENTS.has(op.name)) throw malformed(protectedElementMessage(op.name));
  const type = typeOf(node);
  const info = type ? elementInfo(type, op.name) : undefined;
  if (type && !info) throw notApplicable(`${type} has no element '${op.name}'`);
  const { key, json } = buildElement(info, op.name, op.value);
  if (info ? isList(info) : Array.isArray(target[key])) {
    insertItem(target, key, Array.isArray(target[key]) ? (target[key] as unknown[]).length : 0, json);
    return;
  }
  const present = presentKeys(target, type, info, key);
  if (present.length > 0) {
    const owner = node.fullPropertyName() ?? type ?? op.path;
    throw notApplicable(`${owner} already has ${present.join(', ')}, which is not a list; use 'replace'`);
  }
  target[key] = json;
}

/** insert: the path is a list; the value goes in at `index`, from 0 up to the list's length. */
function insert(resource: Json, op: Operation<'insert'>): void {
  const list = locateList(resource, op.path, 'insert');
  if (op.index > list.items.length) {
    throw notApplicable(`index ${op.index} is out of range: '${op.path}' has ${list.items.length} items`);
  }
  insertItem(list.parent, list.key, op.index, buildValue(op.value, list.itemType));
}

/** delete: the path selects at most one element; selecting none is not an error. */
function remove(resource: Json, op: Operation<'delete'>): void {
  const nodes = selectNodes(resource, op.path);
  if (nodes.length === 0) return;
  if (nodes.length > 1) throw notApplicable(`path '${op.path}' matches ${nodes.length} elements; 'delete' removes one`);
  if (isRoot(nodes[0])) throw malformed("'delete' cannot remove the resource itself; use the delete interaction");
  const location = locateEditable(resource, nodes[0]);
  if (location.index === undefined) removeProperty(location.parent, location.key);
  else removeItem(location.parent, location.key, location.index);
}

/** replace: the path selects exactly one element, whose value is replaced (a choice may change its type). */
function replace(resource: Json, op: Operation<'replace'>): void {
  const node = selectOne(resource, op.path, "'replace' needs exactly one element to replace");
  if (isRoot(node)) throw malformed("'replace' cannot replace the resource itself; use update (PUT)");
  const { parent, parentType, key, index, info } = locateEditable(resource, node);
  if (index !== undefined) {
    (parent[key] as unknown[])[index] = buildValue(op.value, info?.types.length === 1 ? info.types[0] : undefined);
    return;
  }
  const declared = info?.choice && parentType ? elementInfo(parentType, info.name) : info;
  const built = buildElement(declared, key, op.value);
  if (built.key !== key) removeProperty(parent, key);
  parent[built.key] = built.json;
}

/** move: the path is a list; the item at `source` moves to `destination`, both indexes of the current list. */
function move(resource: Json, op: Operation<'move'>): void {
  const list = locateList(resource, op.path, 'move');
  for (const [part, index] of [['source', op.source], ['destination', op.destination]] as const) {
    if (index >= list.items.length) {
      throw notApplicable(`${part} ${index} is out of range: '${op.path}' has ${list.items.length} items`);
    }
  }
  moveItem(list.parent, list.key, op.source, op.destination);
}

function locateEditable(resource: Json, node: ResourceNode): ElementLocation {
  const location = locate(node);
  if (location.parent === resource && PROTECTED_ROOT_ELEMENTS.has(location.key)) {
    throw malformed(protectedElementMessage(location.key));
  }
  return location;
}

/** The JSON properties already holding the single-valued element: any branch of a choice counts. */
function presentKeys(target: Json, type: string | undefined, info: ElementInfo | undefined, key: string): string[] {
  const choice = info?.choice && type ? elementInfo(type, info.name) : undefined;
  const keys = choice ? choice.types.map((t) => choice.name + typeSuffix(t)) : [key];
  return keys.filter((k) => k in target);
}
