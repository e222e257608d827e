import { resourceTypes } from '../../resources/definitions/resource-types';
import { createResourceValidator } from '../../profiles/validation';
import { minimalResource } from './minimal-resource';

describe('minimal resources built from the definitions', () => {
  it('are valid for every R4 resource type', () => {
    const validator = createResourceValidator();
    const failures: string[] = [];
    for (const type of resourceTypes()) {
      try {
        validator.validate(minimalResource(type), type);
      } catch (e) {
        failures.push(`${type}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
