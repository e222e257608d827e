import { elementInfo } from '../definitions/elements';

/**
 * Where a link to another resource can sit in a resource, as R4 http.html#trules lists them for the rewriting of
 * a transaction's fullUrls: `Reference.reference`, elements of type uri, url, oid and uuid, and `href`/`src` in
 * the narrative. Elements of type canonical are not links to be rewritten (the spec excludes them).
 */
export type LinkKind = 'reference' | 'uri' | 'narrative';

/** A new value for a link, or undefined to leave it as it is. `path` is a FHIRPath-like location for messages. */
export type LinkMapper = (value: string, kind: LinkKind, path: string) => string | undefined;

/**
 * Which strings may be links worth a look (a cheap test, e.g. "starts with urn:"; for a narrative, the whole
 * `<div>`). Only those are typed against the definitions, so the walk costs little where there is nothing to find.
 */
export type LinkCandidate = (value: string) => boolean;

const URI_TYPES = new Set(['uri', 'url', 'oid', 'uuid']);
/** `href="..."` and `src="..."` in XHTML, the only places the narrative links (narrative.html#xhtml). */
const NARRATIVE_LINK = /\b(href|src)="([^"]*)"/g;

type Key = string | number;

/**
 * Applies `map` to every link of `resource` among the strings `candidate` accepts. Each candidate's element is
 * typed with the StructureDefinitions along its path, so a string that merely equals a link (an Identifier.value,
 * say) is never touched. Contained resources share the container's context and are walked; other embedded
 * resources (a Bundle's entries, a Parameters' resources) keep their own and are not. Returns the resource itself
 * when nothing changed, else a copy with the changes (the input is not modified).
 */
export function rewriteLinks<T>(resource: T, map: LinkMapper, candidate: LinkCandidate = () => true): T {
  const type = resourceTypeOf(resource);
  if (type === undefined) return resource;
  const found: { keys: Key[]; value: string }[] = [];
  collectStrings(resource, [], (keys, value) => {
    if (candidate(value)) found.push({ keys: [...keys], value });
  });
  let result = resource;
  const copies = new Map<object, object>();
  for (const { keys, value } of found) {
    const link = linkAt(resource, type, keys);
    if (!link) continue;
    const mapped = link.kind === 'narrative' ? mapNarrative(value, link.path, map) : map(value, link.kind, link.path);
    if (mapped !== undefined && mapped !== value) result = setAt(resource, keys, mapped, copies);
  }
  return result;
}

/** Visits every link of `resource` among the strings `candidate` accepts (same walk as rewriteLinks, nothing changed). */
export function forEachLink(resource: unknown, visit: (value: string, kind: LinkKind, path: string) => void, candidate?: LinkCandidate): void {
  rewriteLinks(
    resource,
    (value, kind, path) => {
      visit(value, kind, path);
      return undefined;
    },
    candidate,
  );
}

function collectStrings(node: unknown, keys: Key[], visit: (keys: Key[], value: string) => void): void {
  if (typeof node === 'string') {
    visit(keys, node);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      keys.push(i);
      collectStrings(node[i], keys, visit);
      keys.pop();
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    // Numbers and booleans are never links; skipping them here saves a call per value.
    if (typeof value !== 'string' && (value === null || typeof value !== 'object')) continue;
    keys.push(key);
    collectStrings(value, keys, visit);
    keys.pop();
  }
}

/** What kind of link the string at `keys` is, typed with the definitions from the root down; undefined if none. */
function linkAt(root: unknown, rootType: string, keys: readonly Key[]): { kind: LinkKind; path: string } | undefined {
  let typeName = rootType;
  let node: unknown = root;
  let path = rootType;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    node = (node as Record<Key, unknown>)[key];
    if (typeof key === 'number') {
      path += `[${key}]`;
      continue;
    }
    const info = key.charCodeAt(0) === 95 /* _ */ ? undefined : elementInfo(typeName, key);
    if (!info) return undefined;
    path += `.${key}`;
    const type = info.types[0];
    const last = i === keys.length - 1 || (i === keys.length - 2 && typeof keys[i + 1] === 'number');
    if (last) {
      if (typeName === 'Reference' && key === 'reference') return { kind: 'reference', path };
      if (URI_TYPES.has(type)) return { kind: 'uri', path };
      if (type === 'xhtml') return { kind: 'narrative', path };
      return undefined;
    }
    if (type === 'Resource') {
      // Only contained resources share the container's context (references.html#contained).
      if (key !== 'contained') return undefined;
      const element = typeof keys[i + 1] === 'number' ? (node as unknown[])[keys[i + 1] as number] : node;
      const contained = resourceTypeOf(element);
      if (contained === undefined) return undefined;
      typeName = contained;
      if (typeof keys[i + 1] === 'number') {
        node = element;
        path += `[${keys[i + 1]}]`;
        i++;
      }
      continue;
    }
    typeName = type;
  }
  return undefined;
}

function mapNarrative(div: string, path: string, map: LinkMapper): string {
  return div.replace(NARRATIVE_LINK, (whole, attribute: string, target: string) => {
    const mapped = map(target, 'narrative', path);
    return mapped === undefined ? whole : `${attribute}="${mapped}"`;
  });
}

/**
 * The copy of `original` with the value at `keys` set. Each object or array on the way is copied once, the copies
 * kept in `copies` so that successive calls build up one copy with all their changes.
 */
function setAt<T>(original: T, keys: readonly Key[], value: string, copies: Map<object, object>): T {
  const copyOf = (node: object): object => {
    let copy = copies.get(node);
    if (!copy) {
      copy = Array.isArray(node) ? [...node] : { ...node };
      copies.set(node, copy);
    }
    return copy;
  };
  const rootCopy = copyOf(original as object) as Record<Key, unknown>;
  let source: Record<Key, unknown> = original as Record<Key, unknown>;
  let target = rootCopy;
  for (let i = 0; i < keys.length - 1; i++) {
    const child = source[keys[i]] as object;
    const childCopy = copyOf(child) as Record<Key, unknown>;
    target[keys[i]] = childCopy;
    source = child as Record<Key, unknown>;
    target = childCopy;
  }
  target[keys[keys.length - 1]] = value;
  return rootCopy as T;
}

function resourceTypeOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const type = (value as { resourceType?: unknown }).resourceType;
  return typeof type === 'string' ? type : undefined;
}
