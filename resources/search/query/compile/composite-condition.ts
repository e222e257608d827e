import type { ComponentValue } from '../ast';
import { tokenCondition } from './token-condition';
import { dateCondition } from './date-condition';
import type { EntryCondition } from './entry-condition';
import { numberBounds, numberCondition } from './number-condition';
import { quantityCondition } from './quantity-condition';
import { referenceCondition } from './reference-condition';
import { stringCondition } from './string-condition';
import type { Terminology } from './terminology';
import { uriCondition } from './uri-condition';

/**
 * composite (R4 search.html#composite): every component must match within the same element the composite
 * selects (one Observation.component for `component-code-value-quantity`). A composite entry holds each
 * component's entries under c0, c1, ... (index-format.ts), so each component is an `$elemMatch` inside the entry.
 */
export function compositeCondition(values: ComponentValue[], name: string, terminology: Terminology, now: number): EntryCondition {
  const condition: EntryCondition = {};
  values.forEach((value, i) => {
    condition[`c${i}`] = { $elemMatch: componentCondition(value, name, terminology, now) };
  });
  return condition;
}

function componentCondition(value: ComponentValue, name: string, terminology: Terminology, now: number): EntryCondition {
  switch (value.type) {
    case 'token':
      return tokenCondition(value.test, name, terminology);
    case 'string':
      return stringCondition('starts-with', value.text);
    case 'date':
      return dateCondition(value.value, now);
    case 'number':
      return numberCondition('n', numberBounds(value.value));
    case 'quantity':
      return quantityCondition(value.value);
    case 'uri':
      return uriCondition('exact', value.uri);
    case 'reference':
      return referenceCondition(value.test);
  }
}
