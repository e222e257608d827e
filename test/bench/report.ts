import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ratio, ScenarioSummary } from './summary';

export interface FailedScenario {
  name: string;
  error: string;
}

export interface BenchReport {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  settings: { durationSeconds: number; warmupSeconds: number; scenarios: string[]; serverEntry: string };
  scenarios: ScenarioSummary[];
  failed: FailedScenario[];
  ratios: Ratio[];
  /** Index extraction cost per typical resource type, when measured. */
  indexExtraction?: { type: string; microsPerResource: number }[];
  ok: boolean;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    node: process.version,
  };
}

/** `errors` adds up connection errors and timeouts; `bad body` counts 2xx responses with an unexpected body. */
const COLUMNS = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'bad body', 'step fails', 'resets'];

export function formatTable(report: BenchReport): string {
  const rows = report.scenarios.map((s) => [
    s.name,
    String(s.connections),
    s.reqPerSec.toFixed(0),
    s.latencyMs.p50.toFixed(1),
    s.latencyMs.p99.toFixed(1),
    String(s.errors + s.timeouts),
    String(s.non2xx),
    String(s.mismatches),
    String(Object.values(s.failuresByStep).reduce((a, b) => a + b, 0)),
    String(s.resets),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const s of report.scenarios.filter((x) => x.failureSamples.length > 0)) {
    out.push('', `${s.name} failures by step: ${JSON.stringify(s.failuresByStep)}`, ...s.failureSamples.map((x) => `  ${x}`));
  }
  for (const f of report.failed) out.push('', `${f.name} FAILED: ${f.error}`);
  for (const r of report.ratios) {
    out.push('', `${r.name}: ${r.value.toFixed(2)} (target >= ${r.target}) ${r.met ? 'met' : 'BELOW TARGET'}`);
  }
  out.push('', `${report.machine.cpus} x ${report.machine.cpuModel}, node ${report.machine.node}, ${report.date}`);
  return out.join('\n');
}

export function writeReport(directory: string, report: BenchReport): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'latest.json');
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
