import type { Encounter, Reference } from 'fhir/r4';
import { coding, concept } from '../datatypes';
import { referenceTo } from '../ids';
import type { LocationEntry } from '../shared/catalog';
import { DAY, formatDateTime, MINUTE, offsetAt } from '../time';
import { ENCOUNTER_KINDS, type EncounterKind } from '../vocabulary/encounter-types';
import { SYSTEM } from '../vocabulary/systems';
import { activeSpan, type PatientContext } from './context';

/** What later builders need to know about a visit. */
export interface Visit {
  id: string;
  ref: Reference;
  kind: EncounterKind;
  start: number;
  end: number;
  practitionerId: string;
  location: LocationEntry;
}

const LOCATION_FOR_CLASS = { AMB: 'GIM', EMER: 'ER', IMP: 'HOSP' } as const;

/** Visits in chronological order; clinic visits start in office hours, emergencies at any hour. */
export function planVisits(ctx: PatientContext): Visit[] {
  const { rng } = ctx;
  const span = activeSpan(ctx);
  const days = Array.from({ length: ctx.options.encountersPerPatient }, () =>
    Math.floor((span.from + rng.next() * (span.to - span.from)) / DAY) * DAY).sort((a, b) => a - b);
  return days.map((day) => {
    const kind = rng.weighted(ENCOUNTER_KINDS, ENCOUNTER_KINDS.map((k) => k.weight));
    const localMinute = kind.class.code === 'AMB' ? rng.int(8 * 60, 16 * 60) : rng.int(0, 24 * 60 - 1);
    const start = day + localMinute * MINUTE - offsetAt(day, ctx.zone) * MINUTE + rng.int(0, 59) * 1000;
    const end = start + rng.int(kind.minutes[0], kind.minutes[1]) * MINUTE;
    const id = ctx.nextId('enc');
    const clinicRole = LOCATION_FOR_CLASS[kind.class.code];
    const location = ctx.clinics.find((l) => l.role.code === clinicRole) ?? ctx.clinics[0];
    // Planned visits are usually with the patient's own doctor; the emergency room has whoever is on duty.
    const practitionerId = kind.class.code === 'AMB' && rng.chance(0.8)
      ? ctx.generalPractitionerId
      : rng.pick(ctx.staff);
    return { id, ref: referenceTo('Encounter', id), kind, start, end, practitionerId, location };
  });
}

export function buildEncounter(ctx: PatientContext, visit: Visit): Encounter {
  const period = { start: formatDateTime(visit.start, ctx.zone), end: formatDateTime(visit.end, ctx.zone) };
  return {
    resourceType: 'Encounter',
    id: visit.id,
    status: 'finished',
    class: coding(SYSTEM.actCode, visit.kind.class.code, visit.kind.class.display),
    type: [concept(SYSTEM.snomed, visit.kind.type.code, visit.kind.type.display)],
    subject: ctx.ref,
    participant: [{
      type: [concept(SYSTEM.participationType, 'PPRF', 'primary performer')],
      period,
      individual: referenceTo('Practitioner', visit.practitionerId),
    }],
    period,
    location: [{ location: referenceTo('Location', visit.location.id, visit.location.name) }],
    serviceProvider: referenceTo('Organization', ctx.hospital.id, ctx.hospital.name),
  };
}
