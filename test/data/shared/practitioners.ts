import type { HumanName, Practitioner } from 'fhir/r4';
import { concept, npi, phone, workAddress } from '../datatypes';
import { formatDate } from '../time';
import type { Random } from '../random';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from '../vocabulary/names';
import { SYSTEM } from '../vocabulary/systems';
import type { OrganizationEntry } from './catalog';

const DEGREES = [
  { code: 'MD', display: 'Doctor of Medicine' },
  { code: 'DO', display: 'Doctor of Osteopathy' },
  { code: 'NP', display: 'Nurse practitioner' },
  { code: 'PA', display: 'Physician Assistant' },
] as const;

export function buildPractitioner(rng: Random, id: string, hospital: OrganizationEntry): Practitioner {
  const gender = rng.chance(0.5) ? 'female' : 'male';
  const given = rng.pick(gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
  const degree = rng.weighted(DEGREES, [6, 2, 2, 1]);
  const licensed = Date.UTC(rng.int(1985, 2018), rng.int(0, 11), rng.int(1, 28));
  const name: HumanName = { use: 'official', family: rng.pick(FAMILY), given: [given], suffix: [degree.code] };
  if (degree.code === 'MD' || degree.code === 'DO') name.prefix = ['Dr.'];
  return {
    resourceType: 'Practitioner',
    id,
    identifier: [{ system: SYSTEM.npi, value: npi(rng) }],
    active: true,
    name: [name],
    telecom: [phone(rng, 'work'), { system: 'email', value: `${id}@${hospitalDomain(hospital)}`, use: 'work' }],
    address: [workAddress(rng, hospital.city)],
    gender,
    qualification: [{
      code: concept(SYSTEM.degree, degree.code, degree.display),
      period: { start: formatDate(licensed) },
    }],
  };
}

function hospitalDomain(hospital: OrganizationEntry): string {
  return `${hospital.name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
}
