import type { Scenario } from '../scenario';
import { measureSearches, onSearchServer } from './search-server';

/** Target: p50 < 20 ms on about 1,000,000 resources (10,000 patients). */
export const searchPatientName: Scenario = {
  name: 'search-patient-name',
  description: 'GET Patient?name=smi (a name prefix; a page of 20)',
  needs: [],
  connections: 1,
  run(_targets, settings) {
    return onSearchServer(this.name, async (server) => ({ result: await measureSearches(server, ['/Patient?name=smi'], this.connections, settings) }));
  },
};
