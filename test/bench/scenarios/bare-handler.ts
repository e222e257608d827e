import { measure } from '../load';
import { requireTarget, type Scenario } from '../scenario';
import { FHIR_JSON, isResourceOfType } from '../fhir-http';

/**
 * The ceiling: what this machine does when the server does nothing but answer. 32 connections keep one
 * single-threaded Node process busy without queueing so deep that latency measures the queue.
 */
export const bareHandler: Scenario = {
  name: 'bare-handler',
  description: 'GET a fixed ~1 KB Patient from a bare Express 5 handler',
  needs: ['bare'],
  connections: 32,
  async run(targets, settings) {
    const url = `${requireTarget(targets, 'bare')}/fhir/Patient/pat-000000`;
    const result = await measure({
      url, connections: this.connections, headers: { accept: FHIR_JSON }, verifyBody: isResourceOfType('Patient'),
    }, settings);
    return { result };
  },
};
