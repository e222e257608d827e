/**
 * Edits of one JSON property that keep a primitive's extension sibling in step: in FHIR JSON the extensions of
 * `given[i]` live in `_given[i]` (http://hl7.org/fhir/R4/json.html#primitive), so removing, inserting or moving
 * an item must do the same to the `_` list, and removing a single primitive removes its `_` object too.
 * Empty lists are removed, as FHIR JSON has no empty arrays.
 */

type Json = Record<string, unknown>;

export function insertItem(parent: Json, key: string, index: number, value: unknown): void {
  const items = Array.isArray(parent[key]) ? (parent[key] as unknown[]) : [];
  parent[key] = items;
  items.splice(index, 0, value);
  const sibling = parent[`_${key}`];
  if (Array.isArray(sibling)) sibling.splice(index, 0, null);
}

export function removeItem(parent: Json, key: string, index: number): void {
  const items = parent[key] as unknown[];
  items.splice(index, 1);
  if (items.length === 0) delete parent[key];
  const sibling = parent[`_${key}`];
  if (!Array.isArray(sibling)) return;
  sibling.splice(index, 1);
  if (sibling.every((s) => s === null)) delete parent[`_${key}`];
}

export function moveItem(parent: Json, key: string, source: number, destination: number): void {
  for (const name of [key, `_${key}`]) {
    const list = parent[name];
    if (Array.isArray(list)) list.splice(destination, 0, ...list.splice(source, 1));
  }
}

export function removeProperty(parent: Json, key: string): void {
  delete parent[key];
  delete parent[`_${key}`];
}
