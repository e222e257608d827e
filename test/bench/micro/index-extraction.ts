import type { Resource } from 'fhir/r4';
import { createResourceIndexer } from '../../../resources/search/indexing';
import { generateResources } from '../../data';

/**
 * Issue 3's budget: index extraction adds at most 0.5 ms per typical resource at write time. Measured in this
 * process on the generator's realistic resources after a warm-up (the first resource of a type compiles that
 * type's plan), as the median of several rounds.
 */
export const INDEX_EXTRACTION_BUDGET_MICROS = 500;
const ROUNDS = 7;
const ITERATIONS = 200;

export interface IndexExtractionFigure {
  type: string;
  microsPerResource: number;
}

export function measureIndexExtraction(): IndexExtractionFigure[] {
  const indexer = createResourceIndexer({ fhirBase: 'http://localhost:8080/fhir' });
  const resources = [...generateResources({ seed: 3, patients: 2 })];
  const samples: [string, Resource[]][] = [
    ['Patient', typical(resources, 'Patient')],
    ['Observation with components', typical(resources, 'Observation', true)],
    ['Encounter', typical(resources, 'Encounter')],
    ['Claim', typical(resources, 'Claim')],
    ['ExplanationOfBenefit', typical(resources, 'ExplanationOfBenefit')],
  ];
  return samples.map(([type, sample]) => ({ type, microsPerResource: microsPerResource(sample, (r) => indexer.index(r)) }));
}

function typical(resources: readonly Resource[], type: string, withComponents = false): Resource[] {
  const found = resources.filter((r) => r.resourceType === type && (!withComponents || 'component' in r));
  if (found.length === 0) throw new Error(`the generator made no ${type}`);
  return found.slice(0, 10);
}

function microsPerResource(sample: readonly Resource[], index: (r: Resource) => unknown): number {
  for (const r of sample) index(r);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) for (const r of sample) index(r);
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / (ITERATIONS * sample.length));
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}
