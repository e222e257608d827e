import { foldText } from '../../indexing/fold-text';
import type { StringMatch } from '../ast';
import { containing, startsWith } from './regex';
import type { EntryCondition } from './entry-condition';

/**
 * string (R4 search.html#string): by default a case- and accent-insensitive match on the start of the value,
 * `:contains` anywhere in it, `:exact` the whole value as written. Search values are folded with the indexer's
 * own function (fold-text.ts), so both sides agree on what "insensitive" means.
 */
export function stringCondition(match: StringMatch, text: string): EntryCondition {
  switch (match) {
    case 'exact':
      return { e: text };
    case 'contains':
      return { f: containing(foldText(text)) };
    case 'starts-with':
      return { f: startsWith(foldText(text)) };
  }
}
