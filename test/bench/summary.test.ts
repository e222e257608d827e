import type autocannon from 'autocannon';
import { formatTable, machineInfo, type BenchReport } from './report';
import type { Scenario } from './scenario';
import { benchRatios, summarize } from './summary';

const histogram = (value: number) => ({
  average: value, mean: value, stddev: 0, min: value, max: value, total: value * 10, p0_001: value, p0_01: value, p0_1: value,
  p1: value, p2_5: value, p10: value, p25: value, p50: value, p75: value, p90: value, p97_5: value, p99: value, p99_9: value,
  p99_99: value, p99_999: value,
});

function result(reqPerSec: number, extra: Partial<autocannon.Result> = {}): autocannon.Result {
  return {
    title: undefined, url: 'http://x', socketPath: undefined, requests: { ...histogram(reqPerSec), sent: reqPerSec * 10 },
    latency: histogram(2), throughput: histogram(1000), duration: 10, errors: 0, timeouts: 0, start: new Date(0), finish: new Date(0),
    connections: 32, pipelining: 1, non2xx: 0, '1xx': 0, '2xx': reqPerSec * 10, '3xx': 0, '4xx': 0, '5xx': 0, mismatches: 0, resets: 0,
    statusCodeStats: { 200: { count: reqPerSec * 10 } }, ...extra,
  };
}

const scenario = (name: string): Scenario => ({ name, description: name, needs: [], connections: 32, run: async () => ({ result: result(0) }) });

describe('summaries', () => {
  it('computes each ratio an issue sets a target for, from the same run', () => {
    const ratios = benchRatios([
      summarize(scenario('bare-handler'), { result: result(10_000) }),
      summarize(scenario('fhir-read'), { result: result(5_000) }),
      summarize(scenario('fhir-read-unaudited'), { result: result(5_500) }),
    ]);
    expect(ratios.map((r) => [r.name, r.target, r.met])).toEqual([
      ['fhir-read-unaudited / bare-handler (req/s)', 0.6, false],
      ['fhir-read / bare-handler (req/s)', 0.5, true],
      ['fhir-read / fhir-read-unaudited (req/s)', 0.85, true],
    ]);
    expect(ratios[0].value).toBeCloseTo(0.55);
    expect(ratios[2].value).toBeCloseTo(5_000 / 5_500);
  });

  it('has no ratio unless both scenarios of it ran', () => {
    expect(benchRatios([summarize(scenario('fhir-read'), { result: result(5_000) })])).toEqual([]);
  });

  it('is not ok with any non-2xx, unexpected body, reset or step failure', () => {
    expect(summarize(scenario('a'), { result: result(1) }).ok).toBe(true);
    expect(summarize(scenario('a'), { result: result(1, { non2xx: 1 }) }).ok).toBe(false);
    expect(summarize(scenario('a'), { result: result(1, { resets: 1 }) }).ok).toBe(false);
    expect(summarize(scenario('a'), { result: result(1, { mismatches: 1 }) }).ok).toBe(false);
    expect(summarize(scenario('a'), { result: result(1), failuresByStep: { 'POST Claim': 1 } }).ok).toBe(false);
  });

  it('prints a row per scenario, the ratio with its verdict, and the machine', () => {
    const scenarios = [summarize(scenario('bare-handler'), { result: result(10_000) }), summarize(scenario('fhir-read'), { result: result(7_000) })];
    const report: BenchReport = {
      date: '2026-01-01T00:00:00.000Z', machine: machineInfo(),
      settings: { durationSeconds: 10, warmupSeconds: 2, scenarios: ['bare-handler', 'fhir-read'], serverEntry: 'x' },
      scenarios, failed: [], ratios: benchRatios(scenarios), ok: true,
    };
    const table = formatTable(report);
    expect(table).toMatch(/^bare-handler\s+32\s+10000\s+2\.0\s+2\.0\s+0\s+0\s+0\s+0\s+0$/m);
    expect(table).toContain('fhir-read / bare-handler (req/s): 0.70 (target >= 0.5) met');
    expect(table).toContain(`node ${process.version}`);
  });
});
