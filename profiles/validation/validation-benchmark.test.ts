import type { Patient } from 'fhir/r4';
import { createResourceValidator } from './resource-validator';

/**
 * A sanity micro-benchmark: it prints numbers for the record and asserts only correctness. Timings depend on
 * the machine and on what runs beside the tests, and jest's sandbox slows hot loops several-fold, so a JSON
 * round trip of the same Patient is printed for scale.
 */
describe('validation micro-benchmark', () => {
  it('compiles every resource type, then validates a small Patient many times', () => {
    const validator = createResourceValidator();
    let start = performance.now();
    validator.warmUp();
    const compileMs = performance.now() - start;

    const patient: Patient = {
      resourceType: 'Patient',
      id: 'p1',
      active: true,
      name: [{ family: 'Smith', given: ['John', 'J'] }],
      gender: 'male',
      birthDate: '1970-01-01',
      managingOrganization: { reference: 'Organization/1' },
    };
    const rounds = 100_000;
    const perRound = (work: () => void) => {
      for (let i = 0; i < rounds / 10; i++) work();
      start = performance.now();
      for (let i = 0; i < rounds; i++) work();
      return ((performance.now() - start) * 1000) / rounds;
    };
    const validateMicros = perRound(() => validator.validate(patient, 'Patient'));
    const roundTripMicros = perRound(() => JSON.parse(JSON.stringify(patient)));

    console.log(
      `compile all resource types: ${compileMs.toFixed(0)} ms; validate a small Patient: ${validateMicros.toFixed(2)} µs ` +
        `(JSON.parse(JSON.stringify()) of it: ${roundTripMicros.toFixed(2)} µs)`,
    );
    expect(() => validator.validate(patient, 'Patient')).not.toThrow();
  });
});
