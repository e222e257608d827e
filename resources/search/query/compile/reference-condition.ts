import type { ReferenceTest } from '../ast';
import type { EntryCondition } from './entry-condition';

/**
 * reference (R4 search.html#reference) on one reference entry: r = `Type/id` of a resource here, u (and v) = any
 * other URL or a canonical (and its version), is / iv = a logical reference's identifier (`:identifier`).
 * A canonical searched without a version matches every version.
 */
export function referenceCondition(test: ReferenceTest): EntryCondition {
  switch (test.kind) {
    case 'local':
      return { r: test.refs.length === 1 ? test.refs[0] : { $in: test.refs } };
    case 'url':
      return test.version === undefined ? { u: test.url } : { u: test.url, v: test.version };
    case 'identifier': {
      const { system, code } = test.value;
      const condition: EntryCondition = {};
      if (system === '') condition.is = { $exists: false };
      else if (system !== undefined) condition.is = system;
      if (code !== undefined) condition.iv = code;
      return condition;
    }
  }
}
