import type { Reference } from 'fhir/r4';
import { patientId, patientScopedId, referenceTo } from '../ids';
import type { ResolvedOptions } from '../options';
import { deriveSeed, Random } from '../random';
import { hospitalFor, type LocationEntry, type OrganizationEntry, type SharedCatalog } from '../shared/catalog';
import { DATA_END, DATA_START, DAY, type TimeZone } from '../time';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from '../vocabulary/names';
import { CITIES, type City } from '../vocabulary/places';

/**
 * Everything the builders of one patient's record share: the patient's own random stream (seeded from
 * the data set's seed and the patient index alone), who they are, where they live and who cares for them.
 * Patients are cared for by the hospital in their own time zone, and times are written in that zone.
 * Facts drawn here are drawn before any resource is built, so adding a builder never shifts them.
 */
export interface PatientContext {
  readonly options: ResolvedOptions;
  readonly catalog: SharedCatalog;
  readonly index: number;
  readonly rng: Random;
  readonly id: string;
  readonly ref: Reference;
  readonly gender: 'male' | 'female';
  readonly given: string;
  readonly family: string;
  readonly birth: number;
  readonly city: City;
  readonly zone: TimeZone;
  readonly hospital: OrganizationEntry;
  readonly clinics: readonly LocationEntry[];
  readonly lab: OrganizationEntry;
  readonly payer: OrganizationEntry;
  readonly generalPractitionerId: string;
  /** Practitioners of the patient's hospital (all practitioners when it has none). */
  readonly staff: readonly string[];
  /** The patient's usual height and weight, around which vital signs scatter. */
  readonly heightCm: number;
  readonly weightKg: number;
  /** The next id for a resource kind: `obs-000123-0001`, `obs-000123-0002`, ... */
  nextId(prefix: string): string;
}

/** Adults only: everything in the data (colonoscopies, statins, Claims) then fits every patient. */
const EARLIEST_BIRTH = Date.UTC(1938, 0, 1);
const LATEST_BIRTH = Date.UTC(2004, 11, 31);

export function createPatientContext(options: ResolvedOptions, catalog: SharedCatalog, index: number): PatientContext {
  const rng = new Random(deriveSeed(options.seed, index));
  const gender = rng.chance(0.51) ? 'female' : 'male';
  const given = rng.pick(gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
  const family = rng.pick(FAMILY);
  const birth = Math.floor(EARLIEST_BIRTH / DAY + rng.next() * ((LATEST_BIRTH - EARLIEST_BIRTH) / DAY)) * DAY;
  const city = rng.pick(CITIES);
  const hospital = hospitalFor(catalog, city);
  const hospitalStaff = catalog.staff.get(hospital.id) ?? [];
  const staff = hospitalStaff.length > 0 ? hospitalStaff : catalog.practitionerIds;
  const counters = new Map<string, number>();
  const id = patientId(index);
  const heightCm = gender === 'female' ? rng.decimal(152, 178, 1) : rng.decimal(163, 193, 1);
  return {
    options,
    catalog,
    index,
    rng,
    id,
    ref: referenceTo('Patient', id, `${given} ${family}`),
    gender,
    given,
    family,
    birth,
    city,
    zone: city.zone,
    hospital,
    clinics: catalog.locations.filter((l) => l.hospital.id === hospital.id),
    lab: rng.pick(catalog.labs),
    payer: rng.pick(catalog.payers),
    generalPractitionerId: rng.pick(staff),
    staff,
    heightCm,
    weightKg: Math.round(((heightCm / 100) ** 2) * rng.decimal(19, 36, 1) * 10) / 10,
    nextId(prefix: string): string {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return patientScopedId(prefix, index, next);
    },
  };
}

/** The span in which this patient has clinical activity: the data window, from their 18th birthday on. */
export function activeSpan(ctx: PatientContext): { from: number; to: number } {
  const adult = new Date(ctx.birth);
  adult.setUTCFullYear(adult.getUTCFullYear() + 18);
  return { from: Math.max(DATA_START, adult.getTime()), to: DATA_END - 30 * DAY };
}
