import { createResource, FHIR_JSON, isResourceOfType } from '../fhir-http';
import { measure } from '../load';
import { readPatientCreateBody } from '../read-patient';
import { requireTarget, type Scenario } from '../scenario';
import { bareHandler } from './bare-handler';

/**
 * FHIR read of one ~1 KB Patient, the same bytes the bare handler serves, at the same concurrency, so
 * the ratio of the two is the cost of the FHIR server's read path (routing, store, audit, serialization).
 */
export const fhirRead: Scenario = {
  name: 'fhir-read',
  description: 'GET /fhir/Patient/{id} of a ~1 KB Patient created first',
  needs: ['fhir'],
  connections: bareHandler.connections,
  async run(targets, settings) {
    const base = requireTarget(targets, 'fhir');
    const id = await createResource(base, 'Patient', readPatientCreateBody());
    const result = await measure({
      url: `${base}/Patient/${id}`, connections: this.connections, headers: { accept: FHIR_JSON }, verifyBody: isResourceOfType('Patient'),
    }, settings);
    return { result };
  },
};
