import { auditChainCatchUp, createResource, FHIR_JSON, isResourceOfType } from '../fhir-http';
import { measure } from '../load';
import { readPatientCreateBody } from '../read-patient';
import { authHeaders, requireTarget, type Scenario, type TargetName } from '../scenario';
import { bareHandler } from './bare-handler';

/**
 * FHIR read of one ~1 KB Patient, the same bytes the bare handler serves, at the same concurrency, so the ratio
 * of the two is the cost of the FHIR server's read path: routing, token verification, store, audit, serialization.
 */
export const fhirRead: Scenario = readScenario('fhir-read', 'fhir', 'GET /fhir/Patient/{id} of a ~1 KB Patient, with a token, audited');

/** The same read with auditing switched off: fhir-read / this is what the audit trail costs a read. */
export const fhirReadUnaudited: Scenario = readScenario('fhir-read-unaudited', 'fhir-unaudited', 'the same read, with the audit trail switched off');

function readScenario(name: string, target: TargetName, description: string): Scenario {
  return {
    name,
    description,
    needs: [target],
    connections: bareHandler.connections,
    async run(targets, settings) {
      const base = requireTarget(targets, target);
      const headers = authHeaders(targets, target);
      const id = await createResource(base, 'Patient', readPatientCreateBody(), headers);
      const result = await measure({
        url: `${base}/Patient/${id}`, connections: this.connections, headers: { accept: FHIR_JSON, ...headers }, verifyBody: isResourceOfType('Patient'),
      }, settings);
      if (target === 'fhir') {
        const chain = await auditChainCatchUp(base, { accept: FHIR_JSON, ...headers });
        process.stderr.write(`  ${name}: audit chain caught up ${chain.ms} ms after the load (${chain.events} AuditEvents in all)\n`);
      }
      return { result };
    },
  };
}
