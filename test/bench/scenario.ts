import type autocannon from 'autocannon';

/** The servers a scenario can drive; run.ts starts only those some selected scenario needs. */
export type TargetName = 'fhir' | 'fhir-unaudited' | 'bare';

export interface BenchTargets {
  /** FHIR base URL, e.g. http://127.0.0.1:40123/fhir */
  fhir?: string;
  /** The same server with its audit trail switched off (AUDIT_DISABLED_FOR_BENCHMARK), to price auditing. */
  'fhir-unaudited'?: string;
  /** Root URL of the bare Express handler. */
  bare?: string;
  /** `Authorization` header value per target: every FHIR request carries a real SMART token. */
  authorization?: Partial<Record<TargetName, string>>;
}

export interface ScenarioSettings {
  durationSeconds: number;
  /** Load before measuring, so JIT compilation and caches settle; not reported. */
  warmupSeconds: number;
}

export interface Scenario {
  name: string;
  description: string;
  needs: readonly TargetName[];
  connections: number;
  run(targets: BenchTargets, settings: ScenarioSettings): Promise<ScenarioOutcome>;
}

export interface ScenarioOutcome {
  result: autocannon.Result;
  /** Failed responses by step (e.g. `POST Patient: 3`), for scenarios that track steps themselves. */
  failuresByStep?: Record<string, number>;
  /** A few failed responses, verbatim enough to diagnose them. */
  failureSamples?: string[];
}

export function requireTarget(targets: BenchTargets, name: TargetName): string {
  const url = targets[name];
  if (!url) throw new Error(`target '${name}' was not started`);
  return url;
}

/** The headers that authorize requests to a target (none for the bare handler). */
export function authHeaders(targets: BenchTargets, name: TargetName): Record<string, string> {
  const value = targets.authorization?.[name];
  return value ? { authorization: value } : {};
}
