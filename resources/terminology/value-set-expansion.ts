import type { ValueSet, ValueSetComposeInclude, ValueSetExpansionContains } from 'fhir/r4';
import { allCodes, codesBelow } from './code-system-hierarchy';
import { codeSystemWithValueSet, valueSetFor } from './terminology-resources';

/**
 * The codes of a value set as `system|code` pairs, for token searches with `:in` and `:not-in`
 * (http://hl7.org/fhir/R4/search.html#token). A value set is expanded from its compose
 * (http://hl7.org/fhir/R4/valueset.html#compose) when every include and exclude is made of enumerated codes,
 * whole code systems with complete content, other such value sets, or `is-a` / `descendent-of` / `is-not-a` /
 * code `regex` filters on such code systems; otherwise from a stored expansion; otherwise it is unknown (undefined).
 */
const expansions = new Map<string, ReadonlySet<string> | null>();

/** Expands `url`, optionally `url|version` (which must then be the version the definitions carry). */
export function expandValueSet(canonical: string): ReadonlySet<string> | undefined {
  return expand(canonical, new Set());
}

function expand(canonical: string, visiting: Set<string>): ReadonlySet<string> | undefined {
  const known = expansions.get(canonical);
  if (known !== undefined) return known ?? undefined;
  if (visiting.has(canonical)) return undefined;
  visiting.add(canonical);
  const result = compute(canonical, visiting) ?? null;
  visiting.delete(canonical);
  expansions.set(canonical, result);
  return result ?? undefined;
}

function compute(canonical: string, visiting: Set<string>): ReadonlySet<string> | undefined {
  const bar = canonical.indexOf('|');
  const url = bar < 0 ? canonical : canonical.slice(0, bar);
  const version = bar < 0 ? undefined : canonical.slice(bar + 1);
  const valueSet = valueSetFor(url);
  if (!valueSet) {
    const codeSystem = codeSystemWithValueSet(url);
    if (!codeSystem || (version !== undefined && codeSystem.version !== version)) return undefined;
    return wholeSystem(codeSystem.url!);
  }
  if (version !== undefined && valueSet.version !== version) return undefined;
  return fromCompose(valueSet, visiting) ?? fromExpansion(valueSet.expansion?.contains);
}

function fromCompose(valueSet: ValueSet, visiting: Set<string>): Set<string> | undefined {
  const compose = valueSet.compose;
  if (!compose || compose.include.length === 0) return undefined;
  const result = new Set<string>();
  for (const include of compose.include) {
    const codes = fromInclude(include, visiting);
    if (!codes) return undefined;
    for (const code of codes) result.add(code);
  }
  for (const exclude of compose.exclude ?? []) {
    const codes = fromInclude(exclude, visiting);
    if (!codes) return undefined;
    for (const code of codes) result.delete(code);
  }
  return result;
}

/** One include (or exclude): its system part and its value sets, intersected (valueset.html#compose). */
function fromInclude(include: ValueSetComposeInclude, visiting: Set<string>): ReadonlySet<string> | undefined {
  const parts: ReadonlySet<string>[] = [];
  if (include.system !== undefined) {
    const codes = fromSystem(include);
    if (!codes) return undefined;
    parts.push(codes);
  }
  for (const nested of include.valueSet ?? []) {
    const codes = expand(nested, visiting);
    if (!codes) return undefined;
    parts.push(codes);
  }
  if (parts.length === 0) return undefined;
  const [first, ...others] = parts;
  return others.length === 0 ? first : new Set([...first].filter((c) => others.every((o) => o.has(c))));
}

function fromSystem(include: ValueSetComposeInclude): ReadonlySet<string> | undefined {
  const system = include.system!;
  if (include.concept) return new Set(include.concept.map((c) => `${system}|${c.code}`));
  if (!include.filter || include.filter.length === 0) return wholeSystem(system);
  let codes: Set<string> | undefined;
  for (const filter of include.filter) {
    const matching = filterCodes(system, filter.property, filter.op, filter.value);
    if (!matching) return undefined;
    codes = codes ? new Set([...codes].filter((c) => matching.has(c))) : new Set(matching);
  }
  return codes && new Set([...codes].map((c) => `${system}|${c}`));
}

/** Filters on the code system's own hierarchy and codes: http://hl7.org/fhir/R4/valueset-filter-operator.html */
function filterCodes(system: string, property: string, op: string, value: string): ReadonlySet<string> | undefined {
  const all = allCodes(system);
  if (!all) return undefined;
  if (property === 'concept' && op === 'is-a') return codesBelow(system, value) ?? new Set();
  if (property === 'concept' && op === 'descendent-of') {
    const descendants = new Set(codesBelow(system, value) ?? []);
    descendants.delete(value);
    return descendants;
  }
  if (property === 'concept' && op === 'is-not-a') {
    const excluded = codesBelow(system, value) ?? new Set<string>();
    return new Set([...all].filter((c) => !excluded.has(c)));
  }
  if ((property === 'code' || property === 'concept') && op === 'regex') {
    const pattern = new RegExp(`^(?:${value})$`);
    return new Set([...all].filter((c) => pattern.test(c)));
  }
  return undefined;
}

function wholeSystem(system: string): ReadonlySet<string> | undefined {
  const codes = allCodes(system);
  return codes && new Set([...codes].map((c) => `${system}|${c}`));
}

function fromExpansion(contains: readonly ValueSetExpansionContains[] | undefined): Set<string> | undefined {
  if (!contains) return undefined;
  const result = new Set<string>();
  const visit = (list: readonly ValueSetExpansionContains[]) => {
    for (const item of list) {
      if (item.system !== undefined && item.code !== undefined) result.add(`${item.system}|${item.code}`);
      visit(item.contains ?? []);
    }
  };
  visit(contains);
  return result;
}
