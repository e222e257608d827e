import { splitUnion } from './expression-parts';
import { fhirPathSelector, type Selector } from './fhirpath-selector';
import { compilePath } from './path-compiler';
import { walkPath } from './path-walker';

export type { Selector } from './fhirpath-selector';

/**
 * Compiles an expression (a union of branches) once into a function selecting typed values. Branches the path
 * compiler understands are walked over the JSON directly; only the others go through fhirpath.
 * `focusType` makes the expression relative to a composite's element of that type (`Observation.component`).
 */
export function compileSelector(expression: string, focusType?: string): Selector {
  const relative = focusType !== undefined;
  const selectors = splitUnion(expression).map((branch): Selector => {
    const path = compilePath(branch, relative);
    if (path) return (resource, focus) => walkPath(path, resource, focus);
    return fhirPathSelector(branch, focusType);
  });
  if (selectors.length === 1) return selectors[0];
  return (resource, focus) => selectors.flatMap((select) => select(resource, focus));
}
