/**
 * Compiles the FHIRPath branches that R4 SearchParameters use into a list of simple steps that the path walker
 * follows over the JSON without a FHIRPath engine: member access, `as T` / `as(T)` / `ofType(T)` on choice
 * elements, `where(resolve() is T)` on references, `where(name = 'literal')`, `extension('url')`, `[n]` and
 * `first()`. Anything else compiles to undefined and is evaluated by fhirpath instead.
 * http://hl7.org/fhir/R4/fhirpath.html, http://hl7.org/fhirpath/N1/
 */

export type PathStep =
  | { readonly kind: 'child'; readonly name: string }
  | { readonly kind: 'ofType'; readonly type: string }
  | { readonly kind: 'resolvesTo'; readonly type: string }
  | { readonly kind: 'whereEquals'; readonly name: string; readonly value: string }
  | { readonly kind: 'extension'; readonly url: string }
  | { readonly kind: 'index'; readonly index: number };

export interface CompiledPath {
  /** `resource`: starts at the resource (a type name, `Resource` or `%resource`); `focus`: at a composite's element. */
  readonly start: 'resource' | 'focus';
  readonly steps: readonly PathStep[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INDEXED = /^([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]$/;
const TYPE_FILTER = /^(?:as|ofType)\(\s*(?:FHIR\.)?([A-Za-z]+)\s*\)$/;
const RESOLVES_TO = /^where\(\s*resolve\(\)\s+is\s+(?:FHIR\.)?([A-Za-z]+)\s*\)$/;
const WHERE_EQUALS = /^where\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\)$/;
const EXTENSION = /^extension\(\s*'((?:[^'\\]|\\.)*)'\s*\)$/;
const AS_OPERATOR = /\s+as\s+(?:FHIR\.)?([A-Za-z]+)$/;

/**
 * Compiles one union branch. `relative` branches (composite components such as `value.as(Quantity)`) start at
 * the element the composite selected, unless they name `%resource`.
 */
export function compilePath(branch: string, relative: boolean): CompiledPath | undefined {
  const text = branch.trim();
  const asMatch = AS_OPERATOR.exec(text);
  if (asMatch && isTopLevel(text, asMatch.index)) {
    const inner = compilePath(text.slice(0, asMatch.index), relative);
    return inner && { start: inner.start, steps: [...inner.steps, { kind: 'ofType', type: asMatch[1] }] };
  }
  if (text.startsWith('(')) return compileParenthesized(text, relative);

  const segments = splitSegments(text);
  if (!segments) return undefined;
  let start: CompiledPath['start'];
  if (segments[0] === '%resource') {
    start = 'resource';
    segments.shift();
  } else if (!relative && /^[A-Z][A-Za-z]*$/.test(segments[0])) {
    start = 'resource';
    segments.shift();
  } else if (relative) {
    start = 'focus';
  } else {
    return undefined;
  }
  const steps = compileSegments(segments);
  return steps && { start, steps };
}

/** `(inner)` optionally followed by more steps: `(Observation.value as CodeableConcept).text`. */
function compileParenthesized(text: string, relative: boolean): CompiledPath | undefined {
  const close = closingParenthesis(text);
  if (close < 0) return undefined;
  const inner = compilePath(text.slice(1, close), relative);
  const rest = text.slice(close + 1).trim();
  if (!inner || rest === '') return inner;
  if (!rest.startsWith('.')) return undefined;
  const segments = splitSegments(rest.slice(1));
  const steps = segments && compileSegments(segments);
  return steps && { start: inner.start, steps: [...inner.steps, ...steps] };
}

function compileSegments(segments: readonly string[]): PathStep[] | undefined {
  const steps: PathStep[] = [];
  for (const segment of segments) {
    const compiled = compileSegment(segment);
    if (!compiled) return undefined;
    steps.push(...compiled);
  }
  return steps;
}

function compileSegment(segment: string): PathStep[] | undefined {
  if (IDENTIFIER.test(segment)) return [{ kind: 'child', name: segment }];
  let m = INDEXED.exec(segment);
  if (m) return [{ kind: 'child', name: m[1] }, { kind: 'index', index: Number(m[2]) }];
  if (segment === 'first()') return [{ kind: 'index', index: 0 }];
  if ((m = TYPE_FILTER.exec(segment))) return [{ kind: 'ofType', type: m[1] }];
  if ((m = RESOLVES_TO.exec(segment))) return [{ kind: 'resolvesTo', type: m[1] }];
  if ((m = WHERE_EQUALS.exec(segment))) return [{ kind: 'whereEquals', name: m[1], value: unescape(m[2]) }];
  if ((m = EXTENSION.exec(segment))) return [{ kind: 'extension', url: unescape(m[1]) }];
  return undefined;
}

/** FHIRPath string escapes: http://hl7.org/fhirpath/N1/#string */
function unescape(literal: string): string {
  return literal.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t', f: '\f' })[ch] ?? ch);
}

/** Splits at the dots outside parentheses and strings; undefined when parentheses do not balance. */
function splitSegments(text: string): string[] | undefined {
  const segments: string[] = [];
  let start = 0;
  const ok = scan(text, (i, depth) => {
    if (text[i] === '.' && depth === 0) {
      segments.push(text.slice(start, i).trim());
      start = i + 1;
    }
  });
  if (!ok) return undefined;
  segments.push(text.slice(start).trim());
  return segments.every((s) => s.length > 0) ? segments : undefined;
}

function isTopLevel(text: string, position: number): boolean {
  let top = false;
  const ok = scan(text, (i, depth) => {
    if (i === position) top = depth === 0;
  });
  return ok && top;
}

function closingParenthesis(text: string): number {
  let close = -1;
  scan(text, (i, depth) => {
    if (close < 0 && text[i] === ')' && depth === 0) close = i;
  });
  return close;
}

/**
 * Calls `visit` for each character outside string literals with the parenthesis depth around it (a closing
 * parenthesis is visited at the depth it returns to). Returns false when the text does not balance.
 */
function scan(text: string, visit: (index: number, depth: number) => void): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      depth--;
      if (depth < 0) return false;
    }
    visit(i, depth);
  }
  return depth === 0 && quote === undefined;
}
