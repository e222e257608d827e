import type { Scenario } from '../scenario';
import { patientCodeQueries } from './search-queries';
import { measureSearches, onSearchServer } from './search-server';

/** Target: p50 < 10 ms on about 1,000,000 resources (10,000 patients). One connection: latency, not throughput. */
export const searchPatientCode: Scenario = {
  name: 'search-patient-code',
  description: 'GET Observation?patient=X&code=Y over the search data set (BENCH_SEARCH_PATIENTS, default 10,000)',
  needs: [],
  connections: 1,
  run(_targets, settings) {
    return onSearchServer(this.name, async (server) => ({
      result: await measureSearches(server, patientCodeQueries(server.dataset.patients), this.connections, settings),
    }));
  },
};
