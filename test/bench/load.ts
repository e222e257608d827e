import autocannon from 'autocannon';
import type { ScenarioSettings } from './scenario';

/**
 * Runs autocannon in this process (the servers have their own): first the warm-up, whose result is
 * dropped, then the measured run. `beforeMeasuring` lets a scenario drop its own warm-up bookkeeping too.
 */
export async function measure(
  options: autocannon.Options, settings: ScenarioSettings, beforeMeasuring?: () => void,
): Promise<autocannon.Result> {
  if (settings.warmupSeconds > 0) await fire({ ...options, duration: settings.warmupSeconds });
  beforeMeasuring?.();
  return fire({ ...options, duration: settings.durationSeconds });
}

function fire(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)));
  });
}
