import type { Provenance, Reference } from 'fhir/r4';
import { concept } from '../datatypes';
import { referenceTo } from '../ids';
import { formatInstant, MINUTE } from '../time';
import { SYSTEM } from '../vocabulary/systems';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/** Who recorded a visit and its lab reports, on behalf of which hospital, shortly after the visit ended. */
export function buildProvenance(ctx: PatientContext, visit: Visit, reports: readonly Reference[]): Provenance {
  return {
    resourceType: 'Provenance',
    id: ctx.nextId('prov'),
    target: [visit.ref, ...reports],
    recorded: formatInstant(visit.end + ctx.rng.int(1, 120) * MINUTE),
    location: referenceTo('Location', visit.location.id),
    activity: concept(SYSTEM.dataOperation, 'CREATE', 'create'),
    agent: [{
      type: concept(SYSTEM.provenanceAgentType, 'author', 'Author'),
      who: referenceTo('Practitioner', visit.practitionerId),
      onBehalfOf: referenceTo('Organization', ctx.hospital.id, ctx.hospital.name),
    }],
  };
}
