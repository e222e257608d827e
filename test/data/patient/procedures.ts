import type { Procedure } from 'fhir/r4';
import { concept } from '../datatypes';
import { referenceTo } from '../ids';
import { formatDateTime, MINUTE } from '../time';
import { PROCEDURES } from '../vocabulary/procedures';
import { SYSTEM } from '../vocabulary/systems';
import type { ChargeSheet } from './charges';
import type { Diagnosis } from './conditions';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/** Procedures done during visits; the reason, when there is one, is a condition already diagnosed by then. */
export function buildProcedures(
  ctx: PatientContext, visits: readonly Visit[], diagnoses: readonly Diagnosis[], charges: ChargeSheet,
): Procedure[] {
  const { rng } = ctx;
  const procedures: Procedure[] = [];
  const eligible = PROCEDURES.filter((p) => p.onlyFor === undefined || p.onlyFor === ctx.gender);
  for (let i = 0; i < ctx.options.proceduresPerPatient; i++) {
    const kind = rng.pick(eligible);
    const visit = rng.pick(visits);
    const start = visit.start + rng.int(10, 30) * MINUTE;
    const procedure: Procedure = {
      resourceType: 'Procedure',
      id: ctx.nextId('proc'),
      status: 'completed',
      code: concept(SYSTEM.snomed, kind.code, kind.display, kind.display),
      subject: ctx.ref,
      encounter: visit.ref,
      performedPeriod: { start: formatDateTime(start, ctx.zone), end: formatDateTime(start + kind.minutes * MINUTE, ctx.zone) },
      performer: [{ actor: referenceTo('Practitioner', visit.practitionerId) }],
      location: referenceTo('Location', visit.location.id, visit.location.name),
    };
    const known = diagnoses.filter((d) => d.visit.start <= visit.start);
    if (known.length > 0 && rng.chance(0.6)) procedure.reasonReference = [rng.pick(known).ref];
    procedures.push(procedure);
    charges.add(visit.id, { service: concept(SYSTEM.snomed, kind.code, kind.display), cents: kind.charge * 100 });
  }
  return procedures;
}
