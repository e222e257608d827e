import type { Scenario } from '../scenario';
import { encountersWithProvenanceQueries } from './search-queries';
import { measureSearches, onSearchServer } from './search-server';

/** Target: p50 < 30 ms for a page of 50 matches with their Provenance, on about 1,000,000 resources. */
export const searchRevinclude: Scenario = {
  name: 'search-revinclude',
  description: 'GET Encounter?patient=<9 patients>&_count=50&_revinclude=Provenance:target (50 matches + their Provenance)',
  needs: [],
  connections: 1,
  run(_targets, settings) {
    return onSearchServer(this.name, async (server) => ({
      result: await measureSearches(server, encountersWithProvenanceQueries(server.dataset.patients), this.connections, settings),
    }));
  },
};
