import type { Scenario } from '../scenario';
import { labsSinceQueries } from './search-queries';
import { measureSearches, onSearchServer } from './search-server';

/** Target: p50 < 20 ms on about 1,000,000 resources (10,000 patients). */
export const searchLabsSorted: Scenario = {
  name: 'search-labs-sorted',
  description: 'GET Observation?patient=X&category=laboratory&date=ge2020-01-01&_sort=-date&_count=50',
  needs: [],
  connections: 1,
  run(_targets, settings) {
    return onSearchServer(this.name, async (server) => ({
      result: await measureSearches(server, labsSinceQueries(server.dataset.patients), this.connections, settings),
    }));
  },
};
