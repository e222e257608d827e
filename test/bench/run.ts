import path from 'node:path';
import { runCleanup } from './cleanup';
import type { ChildServer } from './child-server';
import { formatTable, machineInfo, writeReport, type BenchReport, type FailedScenario } from './report';
import type { BenchTargets, Scenario, TargetName } from './scenario';
import { bareHandler } from './scenarios/bare-handler';
import { crudMix } from './scenarios/crud-mix';
import { fhirRead, fhirReadUnaudited } from './scenarios/fhir-read';
import { ingest } from './scenarios/ingest';
import { searchLabsSorted } from './scenarios/search-labs-sorted';
import { searchPatientCode } from './scenarios/search-patient-code';
import { searchPatientName } from './scenarios/search-patient-name';
import { searchRevinclude } from './scenarios/search-revinclude';
import { fhirServerEntry, START } from './servers';
import { INDEX_EXTRACTION_BUDGET_MICROS, measureIndexExtraction, type IndexExtractionFigure } from './micro/index-extraction';
import { parseSettings, UsageError } from './settings';
import { benchRatios, summarize, type ScenarioSummary } from './summary';

/**
 * `npm run bench [-- name ...]`: starts the servers each scenario needs as child processes, drives them
 * from this process with autocannon (two cores: one for the server, one for the load), prints a table and
 * writes bench-results/latest.json. Exits non-zero when any response was unexpected or a scenario failed.
 *
 * Scenarios run in this order; add new ones (search, ingest, ...) here.
 */
const SCENARIOS: readonly Scenario[] = [bareHandler, fhirRead, fhirReadUnaudited, crudMix, searchPatientCode, searchLabsSorted, searchPatientName, searchRevinclude, ingest];

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Measured in this process, without a server: `npm run bench -- index-extraction`. */
const MICRO = 'index-extraction';

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2), process.env, [MICRO, ...SCENARIOS.map((s) => s.name)]);
  let indexExtraction: IndexExtractionFigure[] | undefined;
  if (settings.scenarios.includes(MICRO)) {
    process.stderr.write(`> ${MICRO}: in this process, median of 7 rounds\n`);
    indexExtraction = measureIndexExtraction();
  }
  const selected = SCENARIOS.filter((s) => settings.scenarios.includes(s.name));
  const running = new Map<TargetName, ChildServer>();
  const startFailures = new Map<TargetName, string>();
  const summaries: ScenarioSummary[] = [];
  const failed: FailedScenario[] = [];

  try {
    for (const scenario of selected) {
      // Idle servers are stopped so that only the server under test competes with the load generator.
      for (const [name, server] of running) {
        if (!scenario.needs.includes(name)) {
          await server.stop();
          running.delete(name);
        }
      }
      try {
        const targets = await ensureTargets(scenario.needs, running, startFailures);
        process.stderr.write(`> ${scenario.name}: ${scenario.connections} connections, `
          + `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s\n`);
        summaries.push(summarize(scenario, await scenario.run(targets, settings)));
      } catch (error) {
        failed.push({ name: scenario.name, error: (error as Error).message });
      }
    }
  } finally {
    for (const server of running.values()) await server.stop();
  }

  const ratios = benchRatios(summaries);
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    settings: {
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      scenarios: settings.scenarios,
      serverEntry: fhirServerEntry(),
    },
    scenarios: summaries,
    failed,
    ratios,
    ...(indexExtraction ? { indexExtraction } : {}),
    ok: failed.length === 0 && summaries.every((s) => s.ok),
  };
  process.stdout.write(`\n${formatTable(report)}\n`);
  for (const f of indexExtraction ?? []) {
    process.stdout.write(`index extraction, ${f.type}: ${f.microsPerResource.toFixed(1)} µs per resource (target <= ${INDEX_EXTRACTION_BUDGET_MICROS})\n`);
  }
  const file = writeReport(path.join(REPO_ROOT, 'bench-results'), report);
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), file)}\n`);
  return report.ok ? 0 : 1;
}

/** Starts what is missing; a server that failed to start once is not retried for later scenarios. */
async function ensureTargets(
  needs: readonly TargetName[], running: Map<TargetName, ChildServer>, startFailures: Map<TargetName, string>,
): Promise<BenchTargets> {
  const targets: BenchTargets = { authorization: {} };
  for (const name of needs) {
    const failure = startFailures.get(name);
    if (failure) throw new Error(failure);
    if (!running.has(name)) {
      try {
        running.set(name, await START[name]());
      } catch (error) {
        startFailures.set(name, (error as Error).message);
        throw error;
      }
    }
    const server = running.get(name) as ChildServer;
    targets[name] = server.url;
    if (server.authorization) targets.authorization![name] = server.authorization;
  }
  return targets;
}

main().then(
  (code) => {
    runCleanup();
    process.exit(code);
  },
  (error: unknown) => {
    const message = error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error);
    process.stderr.write(`bench failed: ${message}\n`);
    runCleanup();
    process.exit(1);
  },
);
