import type { FhirResource } from 'fhir/r4';
import { resolveOptions, type GeneratorOptions } from '../options';
import { deriveSeed, Random } from '../random';
import { DRUGS } from '../vocabulary/medications';
import { sharedCatalog } from './catalog';
import { buildLocation } from './locations';
import { buildMedication } from './medications';
import { buildOrganization } from './organizations';
import { buildPractitioner } from './practitioners';

/** Random stream numbers for shared resources; patient streams use the patient index, which never collides with these. */
const SHARED_STREAM = 0xffff_0000;

/**
 * The resources every patient record points at: Organizations (hospitals, a lab, payers), Locations,
 * Practitioners and Medications, in dependency order (Organizations before the Locations they manage).
 * Only `seed` and `practitioners` matter here.
 */
export function generateSharedResources(options: GeneratorOptions): FhirResource[] {
  const resolved = resolveOptions(options);
  const rng = new Random(deriveSeed(resolved.seed, SHARED_STREAM));
  const catalog = sharedCatalog(resolved.practitioners);
  const organizations = [...catalog.hospitals, ...catalog.labs, ...catalog.payers].map((o) => buildOrganization(rng, o));
  const locations = catalog.locations.map((l) => buildLocation(rng, l));
  const practitioners = catalog.practitionerIds.map((id, i) =>
    buildPractitioner(rng, id, catalog.hospitals[i % catalog.hospitals.length]));
  const medications = DRUGS.map((d) => buildMedication(catalog.medicationIds.get(d.rxnorm) as string, d));
  return [...organizations, ...locations, ...practitioners, ...medications];
}
