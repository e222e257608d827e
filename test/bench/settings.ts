/** What `npm run bench [-- scenario ...]` was asked to do. */
export interface BenchSettings {
  /** Selected scenario names in table order; all when none were named. */
  scenarios: string[];
  durationSeconds: number;
  warmupSeconds: number;
}

export const DEFAULT_DURATION_SECONDS = 10;

/** A mistake in how the benchmark was invoked: reported as one line, without a stack. */
export class UsageError extends Error {}

export function parseSettings(args: readonly string[], env: NodeJS.ProcessEnv, known: readonly string[]): BenchSettings {
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    throw new UsageError(`unknown scenario(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  const durationSeconds = parseDuration(env.BENCH_DURATION);
  return {
    scenarios: args.length === 0 ? [...known] : known.filter((k) => args.includes(k)),
    durationSeconds,
    // A fifth of the run, 1-2 s: enough for V8 to optimize the hot paths, short enough for quick runs.
    warmupSeconds: Math.min(2, Math.max(1, Math.round(durationSeconds / 5))),
  };
}

function parseDuration(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_DURATION_SECONDS;
  const value = Number(raw);
  // autocannon samples once a second; under one second there is no req/s figure.
  if (!Number.isFinite(value) || value < 1) throw new UsageError(`BENCH_DURATION must be a number of seconds >= 1, got '${raw}'`);
  return value;
}

/** A positive integer from the environment, or `fallback` when unset. */
export function positiveInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a positive integer, got '${raw}'`);
  return value;
}
