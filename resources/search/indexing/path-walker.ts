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
  const { steps } = path;
  let nodes: readonly TypedValue[];
  let next = 0;
  if (path.start === 'focus') {
    nodes = focus;
  } else if (steps[0]?.kind === 'child') {
    // Most parameters start with a child of the resource, and most of a resource's parameters select nothing in
    // it (an Observation has some thirty, and a value in a third of them): find that out before allocating.
    nodes = childrenOf(resource, resource.resourceType as string, steps[0].name, NONE);
    next = 1;
  } else {
    nodes = [{ value: resource, type: resource.resourceType as string }];
  }
  for (; next < steps.length && nodes.length > 0; next++) nodes = applyStep(steps[next], nodes, resource);
  return nodes.length === 0 ? NONE : (nodes as TypedValue[]);
}

/** The empty result, shared: frozen, so a caller that wrote to a result would fail loudly, not corrupt the others. */
const NONE = Object.freeze([]) as unknown as TypedValue[];

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
  let out = NONE;
  for (const node of nodes) out = childrenOf(node.value, node.type, name, out);
  return out;
}

/** Appends the values of child `name` of `value` (of type `type`) to `out`, allocating an array only for the first one found. */
function childrenOf(value: unknown, type: string, name: string, out: TypedValue[]): TypedValue[] {
  if (!isObject(value)) return out;
  for (const slot of elementSlots(type, name)) {
    const child = value[slot.key];
    if (child === undefined || child === null) continue;
    if (out === NONE) out = [];
    if (Array.isArray(child)) {
      for (const item of child) if (item !== null && item !== undefined) out.push({ value: item, type: typeIn(slot, item) });
    } else {
      out.push({ value: child, type: typeIn(slot, child) });
    }
  }
  return out;
}
