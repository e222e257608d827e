import type { HumanName, Patient } from 'fhir/r4';
import { concept, homeAddress, phone } from '../datatypes';
import { pad, referenceTo } from '../ids';
import { formatDate } from '../time';
import { asciiFold, FAMILY } from '../vocabulary/names';
import { SYSTEM } from '../vocabulary/systems';
import type { PatientContext } from './context';

const MARITAL = [
  { code: 'M', display: 'Married' },
  { code: 'S', display: 'Never Married' },
  { code: 'D', display: 'Divorced' },
  { code: 'W', display: 'Widowed' },
] as const;

const LANGUAGES = [
  { code: 'en-US', display: 'English (United States)' },
  { code: 'es', display: 'Spanish' },
  { code: 'zh', display: 'Chinese' },
] as const;

/**
 * About 1 KB of JSON, like a typical EHR demographics record. The MRN and the SSN-like number are
 * derived from the patient index, so they are unique across the data set and identifier searches find
 * exactly one patient; the SSN starts with 999, a range never issued.
 */
export function buildPatient(ctx: PatientContext): Patient {
  const { rng } = ctx;
  const names: HumanName[] = [{
    use: 'official',
    family: ctx.family,
    given: rng.chance(0.4) ? [ctx.given, `${String.fromCharCode(65 + rng.int(0, 25))}.`] : [ctx.given],
  }];
  if (ctx.gender === 'female' && rng.chance(0.3)) names.push({ use: 'maiden', family: rng.pick(FAMILY), given: [ctx.given] });
  const language = rng.weighted(LANGUAGES, [8, 3, 1]);
  const marital = rng.pick(MARITAL);
  return {
    resourceType: 'Patient',
    id: ctx.id,
    identifier: [
      {
        use: 'usual',
        type: concept(SYSTEM.identifierType, 'MR', 'Medical Record Number'),
        system: SYSTEM.mrn,
        value: String(20_000_000 + ctx.index),
      },
      {
        use: 'official',
        system: SYSTEM.ssn,
        value: `999-${pad(Math.floor(ctx.index / 10_000) % 100, 2)}-${pad(ctx.index % 10_000, 4)}`,
      },
    ],
    name: names,
    telecom: [
      phone(rng, rng.chance(0.6) ? 'mobile' : 'home'),
      { system: 'email', value: `${asciiFold(ctx.given)}.${asciiFold(ctx.family)}${ctx.index}@example.com`, use: 'home' },
    ],
    gender: ctx.gender,
    birthDate: formatDate(ctx.birth),
    address: [homeAddress(rng, ctx.city)],
    maritalStatus: concept(SYSTEM.maritalStatus, marital.code, marital.display),
    communication: [{ language: concept(SYSTEM.bcp47, language.code, language.display) }],
    generalPractitioner: [referenceTo('Practitioner', ctx.generalPractitionerId)],
    managingOrganization: referenceTo('Organization', ctx.hospital.id),
  };
}
