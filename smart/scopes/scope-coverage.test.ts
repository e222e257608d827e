import { covers } from './scope-coverage';
import { parseScope } from './scope';

const c = (allowed: string, requested: string) => covers(parseScope(allowed)!, parseScope(requested)!);

describe('scope coverage (no grant beyond what was allowed)', () => {
  it.each([
    ['patient/*.cruds', 'patient/Observation.rs', true],
    ['patient/Observation.rs', 'patient/Observation.r', true],
    ['patient/Observation.r', 'patient/Observation.rs', false],
    ['patient/*.rs', 'user/Observation.rs', false],
    ['patient/Observation.rs', 'patient/Condition.rs', false],
    ['patient/Observation.rs', 'patient/Observation.rs?category=x|laboratory', true],
    ['patient/Observation.rs?category=x|laboratory', 'patient/Observation.rs', false],
    ['patient/Observation.rs?category=x|laboratory', 'patient/Observation.rs?category=x|laboratory&date=gt2020', true],
    ['patient/*.read', 'patient/Observation.rs', true],
    ['openid', 'openid', true],
    ['openid', 'fhirUser', false],
  ])('%s covers %s: %s', (allowed, requested, expected) => {
    expect(c(allowed, requested)).toBe(expected);
  });
});
