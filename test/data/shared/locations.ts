import type { Location } from 'fhir/r4';
import { concept, phone, workAddress } from '../datatypes';
import { referenceTo } from '../ids';
import type { Random } from '../random';
import { SYSTEM } from '../vocabulary/systems';
import type { LocationEntry } from './catalog';

export function buildLocation(rng: Random, entry: LocationEntry): Location {
  const { city } = entry.hospital;
  return {
    resourceType: 'Location',
    id: entry.id,
    status: 'active',
    name: entry.name,
    mode: 'instance',
    type: [concept(SYSTEM.roleCode, entry.role.code, entry.role.display)],
    telecom: [phone(rng, 'work')],
    address: workAddress(rng, city),
    physicalType: concept(SYSTEM.locationPhysicalType, 'bu', 'Building'),
    // A few hundred metres around the city centre, so `near` searches have something to sort.
    position: {
      longitude: Math.round((city.longitude + rng.decimal(-0.02, 0.02, 4)) * 10000) / 10000,
      latitude: Math.round((city.latitude + rng.decimal(-0.02, 0.02, 4)) * 10000) / 10000,
    },
    managingOrganization: referenceTo('Organization', entry.hospital.id, entry.hospital.name),
  };
}
