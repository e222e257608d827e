import { describeScope } from './describe-scope';
import { parseScope } from './scope';

const say = (text: string) => describeScope(parseScope(text)!);

describe('scopes in plain words (consent page)', () => {
  it.each([
    ['patient/Observation.rs', "Read and search the selected patient's observation records"],
    ['user/*.cruds', 'Create, read, update, delete and search any health records that your role lets you see'],
    ['patient/*.rs', "Read and search all of the selected patient's health records"],
    ['patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory', "Read and search the selected patient's observation records (only those where category is laboratory)"],
    ['patient/Patient.read', "Read and search the selected patient's demographic records"],
    ['offline_access', 'Keep this access after you sign out, until you revoke it'],
  ])('%s', (text, words) => {
    expect(say(text)).toBe(words);
  });
});
