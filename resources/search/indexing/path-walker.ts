import type { CompiledPath, PathStep } from './path-compiler';
import { elementSlots, isOfType, typeIn } from './element-slots';
import { referencedType } from './literal-reference';
import { isObject, type Json, type TypedValue } from './typed-value';

/**
 * Follows a compiled path over a resource's JSON. Types come from the R4 element definitions step by step, so
 * choice elements are found under their typed names and `as T` keeps exactly the values of type T. Every node's
 * type is concrete: a resource inside another (`Bundle.entry.resource`) has the type its `resourceType` names.
 */
export function walkPath(path: CompiledPath, resource: Json, focus: readonly TypedValue[]): TypedValue[] {
  let nodes: readonly TypedValue[] =
    path.start === 'resource' ? [{ value: resource, type: resource.resourceType as string }] : focus;
  for (const step of path.steps) {
    nodes = applyStep(step, nodes, resource);
    if (nodes.length === 0) return [];
  }
  return nodes as TypedValue[];
}

function applyStep(step: PathStep, nodes: readonly TypedValue[], resource: Json): readonly TypedValue[] {
  switch (step.kind) {
    case 'child':
      return children(nodes, step.name);
    case 'ofType':
      return nodes.filter((n) => isOfType(n.type, step.type));
    case 'resolvesTo':
      return nodes.filter((n) => {
        const target = referencedType(n.value, resource);
        return target !== undefined && isOfType(target, step.type);
      });
    case 'whereEquals':
      return nodes.filter((n) => isObject(n.value) && n.value[step.name] === step.value);
    case 'extension':
      return children(nodes, 'extension').filter((n) => isObject(n.value) && n.value.url === step.url);
    case 'index':
      return step.index < nodes.length ? [nodes[step.index]] : [];
  }
}

function children(nodes: readonly TypedValue[], name: string): TypedValue[] {
  const out: TypedValue[] = [];
  for (const node of nodes) {
    const value = node.value;
    if (!isObject(value)) continue;
    for (const slot of elementSlots(node.type, name)) {
      const child = value[slot.key];
      if (child === undefined || child === null) continue;
      if (Array.isArray(child)) {
        for (const item of child) if (item !== null && item !== undefined) out.push({ value: item, type: typeIn(slot, item) });
      } else {
        out.push({ value: child, type: typeIn(slot, child) });
      }
    }
  }
  return out;
}
