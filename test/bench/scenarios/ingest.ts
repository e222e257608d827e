import type autocannon from 'autocannon';
import { auditChainCatchUp, FHIR_JSON, isResourceOfType } from '../fhir-http';
import { measure } from '../load';
import type { Scenario } from '../scenario';
import { positiveInteger } from '../settings';
import { StepFailures } from '../step-failures';
import { ingestBundles, type IngestBundle } from './ingest-bundles';
import { describeServerMemory, startIngestServer } from './ingest-server';

/** Distinct generated patients whose bundles the connections cycle through (about 100 resources each). */
const PATIENTS = 200;
const ENTRIES_PER_BUNDLE = 1000;
/**
 * Bundles in flight. A Bundle goes through three stages in the server: the request thread parses, validates,
 * indexes and audits it, the store writer thread commits it, and the disk flushes it. Two in flight leave a stage
 * idle; four did better than three: in five alternating pairs of 20 s runs outside the benchmark, the same hour,
 * four did 4,675-5,434 resources/s and three 4,397-5,241, four ahead or level in every pair (README, Benchmarks).
 */
const CONNECTIONS = positiveInteger(process.env.BENCH_INGEST_CONNECTIONS, 4, 'BENCH_INGEST_CONNECTIONS');

interface Context {
  resources: number;
}

/**
 * Lab-feed ingest: POST transaction Bundles of about 1,000 generated resources each (whole patient records:
 * encounters, observations, reports, claims...), every entry validated, indexed and audited as it is in
 * production, on a server of its own with an empty embedded store. A bundle sent again is ingested again (its
 * resources get new server-assigned ids), so the bundles cycle for as long as the run lasts. Reports resources
 * written per second (the figure the issue sets at >= 5,000) and the server's resident and peak memory.
 */
export const ingest: Scenario = {
  name: 'ingest',
  description: `transaction Bundles of ~${ENTRIES_PER_BUNDLE} resources, validated, indexed, audited`,
  needs: [],
  connections: CONNECTIONS,
  async run(_targets, settings) {
    const data = ingestBundles({ seed: 7, patients: PATIENTS, entriesPerBundle: ENTRIES_PER_BUNDLE });
    const server = await startIngestServer();
    try {
      const headers = { authorization: `Bearer ${server.token}`, accept: FHIR_JSON, 'content-type': FHIR_JSON, prefer: 'return=minimal' };
      await post(server.fhirBase, headers, data.shared);
      const failures = new StepFailures();
      let written = 0;
      let next = 0;
      const request: autocannon.Request = {
        method: 'POST',
        path: new URL(server.fhirBase).pathname,
        setupRequest: ((req: autocannon.Request, context: Context) => {
          const bundle = data.bundles[next++ % data.bundles.length];
          context.resources = bundle.resources;
          return { ...req, body: bundle.body };
        }) as unknown as autocannon.Request['setupRequest'],
        onResponse: ((status: number, body: string, context: Context) => {
          if (status === 200) written += context.resources;
          else failures.record('POST transaction', status, body);
        }) as unknown as autocannon.Request['onResponse'],
      };
      const options: autocannon.Options = {
        url: server.fhirBase,
        connections: CONNECTIONS,
        headers,
        requests: [request],
        initialContext: { resources: 0 } satisfies Context,
        verifyBody: isResourceOfType('Bundle'),
        timeout: 120,
      };
      const result = await measure(options, settings, () => {
        failures.reset();
        written = 0;
      });
      const memory = describeServerMemory(server.pid);
      const perSecond = Math.round(written / result.duration);
      // Chaining AuditEvents runs behind the requests (events are durable before it); a search of AuditEvents waits
      // for it to catch up, so the time this takes is how far behind it was when the load stopped.
      const chain = await auditChainCatchUp(server.fhirBase, headers);
      const averageEntries = Math.round(data.bundles.reduce((n, b) => n + b.resources, 0) / data.bundles.length);
      process.stderr.write(
        `  ingest: ${written} resources in ${result.duration.toFixed(1)} s = ${perSecond} resources/s (target >= 5000), `
          + `${data.bundles.length} bundles of ~${averageEntries} entries cycled; server memory `
          + `${memory}; `
          + `audit chain caught up ${chain.ms} ms after the load (${chain.events} AuditEvents in all), `
          + `${Math.round(written / (result.duration + chain.ms / 1000))} resources/s counting that\n`,
      );
      return { result, failuresByStep: failures.byStep(), failureSamples: failures.samples() };
    } finally {
      await server.stop();
    }
  },
};

async function post(fhirBase: string, headers: Record<string, string>, bundle: IngestBundle): Promise<void> {
  const response = await fetch(fhirBase, { method: 'POST', headers, body: bundle.body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`loading the shared resources answered ${response.status}: ${text.slice(0, 500)}`);
}
