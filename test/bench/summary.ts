import type autocannon from 'autocannon';
import type { Scenario, ScenarioOutcome } from './scenario';

/** One scenario's figures as reported in the table and in bench-results/latest.json. */
export interface ScenarioSummary {
  name: string;
  description: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  /** Mean of the per-second request counts. */
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx responses whose body was not what the scenario expected (e.g. not a Patient). */
  mismatches: number;
  /** Loops restarted because a step could not be built (crud-mix: a create before it failed). */
  resets: number;
  statusCodes: Record<string, number>;
  failuresByStep: Record<string, number>;
  failureSamples: string[];
  /** No errors, timeouts, non-2xx, mismatches, resets or step failures. */
  ok: boolean;
  raw: autocannon.Result;
}

export interface Ratio {
  name: string;
  value: number;
  target: number;
  met: boolean;
}

/**
 * The ratios the issues set targets for, each from one run: the token-verified read path against the bare
 * handler (issue 2), the authorized and audited read against the bare handler (issues 4 and 7), and the audited
 * read against the same read with auditing off (issue 5).
 */
const RATIO_TARGETS = [
  { of: 'fhir-read-unaudited', to: 'bare-handler', target: 0.6 },
  { of: 'fhir-read', to: 'bare-handler', target: 0.5 },
  { of: 'fhir-read', to: 'fhir-read-unaudited', target: 0.85 },
] as const;

export function summarize(scenario: Scenario, outcome: ScenarioOutcome): ScenarioSummary {
  const { result } = outcome;
  const failuresByStep = outcome.failuresByStep ?? {};
  const stepFailures = Object.values(failuresByStep).reduce((sum, n) => sum + n, 0);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  return {
    name: scenario.name,
    description: scenario.description,
    connections: scenario.connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    resets: result.resets,
    statusCodes,
    failuresByStep,
    failureSamples: outcome.failureSamples ?? [],
    ok: result.errors + result.timeouts + result.non2xx + result.mismatches + result.resets + stepFailures === 0,
    raw: result,
  };
}

/** The ratios of RATIO_TARGETS whose two scenarios both ran. */
export function benchRatios(summaries: readonly ScenarioSummary[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const { of, to, target } of RATIO_TARGETS) {
    const a = summaries.find((s) => s.name === of);
    const b = summaries.find((s) => s.name === to);
    if (!a || !b || b.reqPerSec <= 0) continue;
    const value = a.reqPerSec / b.reqPerSec;
    ratios.push({ name: `${of} / ${to} (req/s)`, value, target, met: value >= target });
  }
  return ratios;
}
