import type { CodeSystemConcept } from 'fhir/r4';
import { codeSystemFor } from './terminology-resources';

/**
 * Subsumption within one CodeSystem, for token searches with `:below` and `:above`
 * (http://hl7.org/fhir/R4/search.html#token) and for `is-a` filters in value sets. The hierarchy is the nesting of
 * CodeSystem.concept plus the `parent` / `child` concept properties (http://hl7.org/fhir/R4/codesystem.html#hierarchy);
 * every code subsumes itself.
 */
interface Hierarchy {
  readonly codes: ReadonlySet<string>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
}

const hierarchies = new Map<string, Hierarchy | null>();
const below = new Map<string, ReadonlySet<string>>();
const above = new Map<string, ReadonlySet<string>>();

/** `code` and every code it subsumes in `system`; undefined when the system or the code is unknown. */
export function codesBelow(system: string, code: string): ReadonlySet<string> | undefined {
  return closure(system, code, below, (h) => h.children);
}

/** `code` and every code that subsumes it in `system`; undefined when the system or the code is unknown. */
export function codesAbove(system: string, code: string): ReadonlySet<string> | undefined {
  return closure(system, code, above, (h) => h.parents);
}

/** Every code of a code system whose content is complete; undefined otherwise. */
export function allCodes(system: string): ReadonlySet<string> | undefined {
  return hierarchyOf(system)?.codes;
}

function closure(
  system: string,
  code: string,
  memo: Map<string, ReadonlySet<string>>,
  edges: (h: Hierarchy) => ReadonlyMap<string, readonly string[]>,
): ReadonlySet<string> | undefined {
  const key = `${system}|${code}`;
  const known = memo.get(key);
  if (known) return known;
  const hierarchy = hierarchyOf(system);
  if (!hierarchy || !hierarchy.codes.has(code)) return undefined;
  const next = edges(hierarchy);
  const result = new Set<string>([code]);
  const pending = [code];
  while (pending.length > 0) {
    for (const related of next.get(pending.pop()!) ?? []) {
      if (!result.has(related)) {
        result.add(related);
        pending.push(related);
      }
    }
  }
  memo.set(key, result);
  return result;
}

function hierarchyOf(system: string): Hierarchy | undefined {
  let hierarchy = hierarchies.get(system);
  if (hierarchy === undefined) {
    const codeSystem = codeSystemFor(system);
    hierarchy = codeSystem?.content === 'complete' ? build(codeSystem.concept ?? []) : null;
    hierarchies.set(system, hierarchy);
  }
  return hierarchy ?? undefined;
}

function build(concepts: readonly CodeSystemConcept[]): Hierarchy {
  const codes = new Set<string>();
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  const link = (parent: string, child: string) => {
    add(children, parent, child);
    add(parents, child, parent);
  };
  const visit = (list: readonly CodeSystemConcept[], parent: string | undefined) => {
    for (const concept of list) {
      codes.add(concept.code);
      if (parent !== undefined) link(parent, concept.code);
      for (const property of concept.property ?? []) {
        if (property.valueCode === undefined) continue;
        if (property.code === 'child') link(concept.code, property.valueCode);
        else if (property.code === 'parent' || property.code === 'subsumedBy') link(property.valueCode, concept.code);
      }
      visit(concept.concept ?? [], concept.code);
    }
  };
  visit(concepts, undefined);
  return { codes, children, parents };
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
