import type { CompositeEntry, IndexEntry } from '../index-format';
import { dateEntries } from './date-entries';
import type { IndexingContext, Normalizer, TypedValue } from './indexing-context';
import { numberEntries } from './number-entries';
import { positionEntries } from './position-entries';
import { quantityEntries } from './quantity-entries';
import { referenceEntries } from './reference-entries';
import type { SearchParameterInfo, SearchParamType } from './search-parameter-registry';
import { stringEntries } from './string-entries';
import { tokenEntries } from './token-entries';
import { uriEntries } from './uri-entries';
import { compileSelector, type Selector } from './value-selector';

/** The index entries of one parameter for one resource (index-format.ts); empty when it has no value. */
export type EntryExtractor = (context: IndexingContext) => IndexEntry[];

const NORMALIZERS: Readonly<Record<Exclude<SearchParamType, 'composite' | 'special'>, Normalizer>> = {
  string: stringEntries,
  token: tokenEntries,
  reference: referenceEntries,
  date: dateEntries,
  number: numberEntries,
  quantity: quantityEntries,
  uri: uriEntries,
};

/** Special parameters each have their own meaning; R4 defines one, Location's `near`. */
const SPECIAL_NORMALIZERS: Readonly<Record<string, Normalizer>> = { near: positionEntries };

const NO_FOCUS: readonly TypedValue[] = [];

/**
 * Compiles a parameter of `resourceType` once into its extractor; undefined for the parameters that live on the
 * stored document (`_id`, `_lastUpdated`) and for a special parameter without a known meaning.
 * A union may select one value twice (`Observation.code | Observation.component.code`); the repeated entry
 * matches exactly the same searches, so it is kept rather than paying to find it on every write.
 */
export function compileExtractor(param: SearchParameterInfo, resourceType: string): EntryExtractor | undefined {
  if (param.documentField) return undefined;
  if (param.type === 'composite') return compileComposite(param, resourceType);
  const normalize = param.type === 'special' ? SPECIAL_NORMALIZERS[param.code] : NORMALIZERS[param.type];
  if (!normalize) return undefined;
  const select = compileSelector(param.expression);
  return (context) => normalize(select(context.resource, NO_FOCUS), context);
}

/**
 * composite: http://hl7.org/fhir/R4/search.html#composite. For each element the expression selects, every
 * component is evaluated on that same element; an element missing a component can never match and is left out.
 */
function compileComposite(param: SearchParameterInfo, resourceType: string): EntryExtractor | undefined {
  const components = param.component ?? [];
  const focusBase = /^[A-Za-z.]+$/.test(param.expression) ? param.expression : resourceType;
  const compiled = components.map((c) => {
    const normalize = c.type === 'composite' || c.type === 'special' ? undefined : NORMALIZERS[c.type];
    return normalize && { select: compileSelector(c.expression, focusBase), normalize };
  });
  if (compiled.length === 0 || compiled.some((c) => c === undefined)) return undefined;
  const parts = compiled as { select: Selector; normalize: Normalizer }[];
  const selectElements = compileSelector(param.expression);
  return (context) => {
    const out: CompositeEntry[] = [];
    for (const element of selectElements(context.resource, NO_FOCUS)) {
      const entry: CompositeEntry = {};
      let complete = true;
      for (let i = 0; i < parts.length && complete; i++) {
        const { select, normalize } = parts[i];
        const entries = normalize(select(context.resource, [element]), context);
        if (entries.length === 0) complete = false;
        else entry[`c${i}`] = entries;
      }
      if (complete) out.push(entry);
    }
    return out;
  };
}
