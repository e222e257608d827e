import type { Organization } from 'fhir/r4';
import { concept, npi, phone, workAddress } from '../datatypes';
import type { Random } from '../random';
import { SYSTEM } from '../vocabulary/systems';
import type { OrganizationEntry } from './catalog';

const TYPE: Record<OrganizationEntry['kind'], { code: string; display: string }> = {
  hospital: { code: 'prov', display: 'Healthcare Provider' },
  lab: { code: 'prov', display: 'Healthcare Provider' },
  payer: { code: 'pay', display: 'Payer' },
};

export function buildOrganization(rng: Random, entry: OrganizationEntry): Organization {
  // Providers are identified by NPI; payers by their NAIC company code.
  const identifier = entry.kind === 'payer'
    ? { system: SYSTEM.naic, value: rng.digits(5) }
    : { system: SYSTEM.npi, value: npi(rng) };
  return {
    resourceType: 'Organization',
    id: entry.id,
    identifier: [identifier],
    active: true,
    type: [concept(SYSTEM.organizationType, TYPE[entry.kind].code, TYPE[entry.kind].display)],
    name: entry.name,
    telecom: [phone(rng, 'work')],
    address: [workAddress(rng, entry.city)],
  };
}
