import type { Immunization } from 'fhir/r4';
import { concept, ucum } from '../datatypes';
import { referenceTo } from '../ids';
import { DAY, formatDate, formatDateTime, MINUTE } from '../time';
import { VACCINES } from '../vocabulary/vaccines';
import { SYSTEM } from '../vocabulary/systems';
import type { ChargeSheet } from './charges';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/** Vaccines given at clinic visits (any visit if the patient had none), each with lot and expiry as charted. */
export function buildImmunizations(ctx: PatientContext, visits: readonly Visit[], charges: ChargeSheet): Immunization[] {
  const { rng } = ctx;
  const clinic = visits.filter((v) => v.kind.class.code === 'AMB');
  const candidates = clinic.length > 0 ? clinic : visits;
  const count = ctx.options.immunizationsPerPatient;
  const distinct = rng.sample(VACCINES, count);
  const immunizations: Immunization[] = [];
  for (let i = 0; i < count; i++) {
    const vaccine = distinct[i] ?? VACCINES[0];
    const visit = rng.pick(candidates);
    const given = visit.start + rng.int(15, 40) * MINUTE;
    immunizations.push({
      resourceType: 'Immunization',
      id: ctx.nextId('imm'),
      status: 'completed',
      vaccineCode: concept(SYSTEM.cvx, vaccine.cvx, vaccine.display, vaccine.display),
      patient: ctx.ref,
      encounter: visit.ref,
      occurrenceDateTime: formatDateTime(given, ctx.zone),
      primarySource: true,
      location: referenceTo('Location', visit.location.id, visit.location.name),
      lotNumber: `${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(5)}`,
      expirationDate: formatDate(given + rng.int(90, 720) * DAY),
      site: rng.chance(0.5) ? concept(SYSTEM.actSite, 'LA', 'left arm') : concept(SYSTEM.actSite, 'RA', 'right arm'),
      route: concept(SYSTEM.route, 'IM', 'Injection, intramuscular'),
      doseQuantity: ucum(0.5, 'mL', 'mL'),
      performer: [{ actor: referenceTo('Practitioner', visit.practitionerId) }],
    });
    charges.add(visit.id, { service: concept(SYSTEM.cvx, vaccine.cvx, vaccine.display), cents: vaccine.charge * 100 });
  }
  return immunizations;
}
