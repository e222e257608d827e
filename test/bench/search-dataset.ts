import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FhirResource } from 'fhir/r4';
import { systemContext } from '../../resources/access/access-context';
import { Auditor } from '../../resources/audit/auditor';
import { resourceTypes } from '../../resources/definitions/resource-types';
import { Repository } from '../../resources/repository/repository';
import { createResourceIndexer } from '../../resources/search/indexing';
import { createSearchEngine } from '../../resources/search/query';
import { openEmbeddedStore } from '../../resources/storage/embedded/embedded-store';
import { createResourceValidator } from '../../profiles/validation';
import { generatePatientRecords, generateSharedResources, type GeneratorOptions } from '../data';
import { positiveInteger } from './settings';

/**
 * The data set the search scenarios run on: the deterministic generator's records (about 100 resources per
 * patient; 10,000 patients by default, about a million resources), loaded in this process through the real
 * Repository path (validation, indexing, store) into an embedded store, and kept between runs because loading
 * takes many minutes. The cache is keyed by seed, size, a schema version and the store indexes, so a change to
 * what is indexed builds a fresh one.
 *
 *   BENCH_SEARCH_PATIENTS   patients to generate (default 10000); smaller for a quick run
 *   BENCH_SEARCH_SEED       generator seed (default 1)
 *   BENCH_SEARCH_CACHE      where built data sets are kept (default <tmp>/fhir-bench-search)
 */
export interface SearchDataset {
  /** A DATA_DIR for the server: the store is in `<dataDir>/store`, as server/open-store.ts expects. */
  dataDir: string;
  patients: number;
  seed: number;
  resources: number;
  /** Seconds the load took when the data set was built. */
  loadSeconds: number;
  /** Size of the store on disk, in bytes. */
  storeBytes: number;
}

/** Bump when documents written by the same code would no longer match what the server reads. */
const SCHEMA_VERSION = 1;
/** Resources per store transaction while loading: large enough to amortize commits, small enough to keep memory flat. */
const BATCH = 500;
const COMPLETE_MARKER = 'dataset.json';

export function datasetOptions(env: NodeJS.ProcessEnv = process.env): { patients: number; seed: number; cacheRoot: string } {
  const patients = positiveInteger(env.BENCH_SEARCH_PATIENTS, 10_000, 'BENCH_SEARCH_PATIENTS');
  const seed = positiveInteger(env.BENCH_SEARCH_SEED, 1, 'BENCH_SEARCH_SEED');
  const cacheRoot = path.resolve(env.BENCH_SEARCH_CACHE ?? path.join(os.tmpdir(), 'fhir-bench-search'));
  return { patients, seed, cacheRoot };
}

/** The cached data set for these options, built first when there is none. */
export async function ensureSearchDataset(options: { patients: number; seed: number; cacheRoot: string }): Promise<SearchDataset> {
  const dir = path.join(options.cacheRoot, cacheKey(options));
  const marker = path.join(dir, COMPLETE_MARKER);
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as SearchDataset;
  fs.mkdirSync(options.cacheRoot, { recursive: true });
  // Built aside and renamed into place, so an interrupted build never passes for a complete one.
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const started = Date.now();
  const resources = await load(building, options);
  const dataset: SearchDataset = {
    dataDir: dir,
    patients: options.patients,
    seed: options.seed,
    resources,
    loadSeconds: Math.round((Date.now() - started) / 1000),
    storeBytes: directoryBytes(path.join(building, 'store')),
  };
  fs.writeFileSync(path.join(building, COMPLETE_MARKER), JSON.stringify(dataset, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  return dataset;
}

async function load(dataDir: string, options: { patients: number; seed: number }): Promise<number> {
  const store = await openEmbeddedStore({ dir: path.join(dataDir, 'store'), durability: 'commit' });
  const fhirBase = 'http://localhost/fhir';
  const clock = Date.now;
  const engine = createSearchEngine({ store, fhirBase, defaultPageSize: 20, maxPageSize: 1000 });
  // Auditing is off while loading: the load is set-up, not an interaction the benchmark measures.
  const repository = new Repository({
    store,
    validator: createResourceValidator(),
    indexer: createResourceIndexer({ fhirBase }),
    engine,
    clock,
    newId: randomUUID,
    auditor: new Auditor(undefined, store, clock),
  });
  await repository.prepareStore();
  const ctx = systemContext('bench-load', 'bench-load');
  const generator: GeneratorOptions = { patients: options.patients, seed: options.seed };
  let count = 0;
  let batch: FhirResource[] = [];
  const flush = async () => {
    const writing = batch;
    batch = [];
    await repository.transaction(async (tx) => {
      for (const r of writing) await tx.update(ctx, r.resourceType, r.id!, r);
    });
    count += writing.length;
  };
  const progress = progressReporter(options.patients);
  for (const resource of generateSharedResources(generator)) batch.push(resource);
  await flush();
  for (const record of generatePatientRecords(generator)) {
    batch.push(...record.resources);
    if (batch.length >= BATCH) await flush();
    progress(record.index + 1, count);
  }
  await flush();
  await store.close();
  return count;
}

function progressReporter(patients: number): (done: number, resources: number) => void {
  const started = Date.now();
  let last = 0;
  return (done, resources) => {
    if (Date.now() - last < 10_000 && done !== patients) return;
    last = Date.now();
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`  search data set: ${done}/${patients} patients, ${resources} resources, ${Math.round(resources / seconds)}/s\n`);
  };
}

/** Seed, size, schema version and every type's store indexes: what the built store depends on. */
function cacheKey(options: { patients: number; seed: number }): string {
  const indexer = createResourceIndexer({ fhirBase: 'http://localhost/fhir' });
  const specs = [...resourceTypes()].map((t) => [t, indexer.indexSpecs(t)]);
  const digest = createHash('sha256').update(JSON.stringify([SCHEMA_VERSION, specs])).digest('hex').slice(0, 12);
  return `seed${options.seed}-patients${options.patients}-v${SCHEMA_VERSION}-${digest}`;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : fs.statSync(full).size;
  }
  return total;
}
