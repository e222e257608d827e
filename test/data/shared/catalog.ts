import { pad } from '../ids';
import { CITIES, type City } from '../vocabulary/places';
import { DRUGS } from '../vocabulary/medications';

/**
 * The ids and roles of the shared resources, known without generating them, so that patient records
 * (generated lazily, possibly in another process) reference exactly what generateSharedResources emits.
 */
export interface OrganizationEntry {
  id: string;
  name: string;
  city: City;
  kind: 'hospital' | 'lab' | 'payer';
}

export interface LocationEntry {
  id: string;
  name: string;
  hospital: OrganizationEntry;
  role: { code: 'HOSP' | 'ER' | 'GIM'; display: string };
}

export interface SharedCatalog {
  hospitals: readonly OrganizationEntry[];
  labs: readonly OrganizationEntry[];
  payers: readonly OrganizationEntry[];
  locations: readonly LocationEntry[];
  practitionerIds: readonly string[];
  /** Hospital id -> the practitioners who work there (practitioner i works at hospital i mod the hospital count). */
  staff: ReadonlyMap<string, readonly string[]>;
  /** RxNorm code -> Medication id. */
  medicationIds: ReadonlyMap<string, string>;
}

const cityNamed = (city: string, state: string): City => {
  const found = CITIES.find((c) => c.city === city && c.state === state);
  if (!found) throw new Error(`unknown city ${city}, ${state}`);
  return found;
};

/** One hospital per time zone, so every patient has one in their own zone and visit times spread over six offsets. */
const HOSPITALS: readonly OrganizationEntry[] = [
  { id: 'org-hospital-01', name: 'Springfield General Hospital', city: cityNamed('Springfield', 'IL'), kind: 'hospital' },
  { id: 'org-hospital-02', name: 'Bayside Medical Center', city: cityNamed('Boston', 'MA'), kind: 'hospital' },
  { id: 'org-hospital-03', name: 'Front Range Regional Hospital', city: cityNamed('Denver', 'CO'), kind: 'hospital' },
  { id: 'org-hospital-04', name: 'Desert Valley Medical Center', city: cityNamed('Phoenix', 'AZ'), kind: 'hospital' },
  { id: 'org-hospital-05', name: 'Puget Sound Community Hospital', city: cityNamed('Seattle', 'WA'), kind: 'hospital' },
  { id: 'org-hospital-06', name: 'Pacific Islands Medical Center', city: cityNamed('Honolulu', 'HI'), kind: 'hospital' },
];
const LABS: readonly OrganizationEntry[] = [
  { id: 'org-lab-01', name: 'Northwind Clinical Laboratory', city: cityNamed('Chicago', 'IL'), kind: 'lab' },
];
const PAYERS: readonly OrganizationEntry[] = [
  { id: 'org-payer-01', name: 'Evergreen Mutual Health Plan', city: cityNamed('Seattle', 'WA'), kind: 'payer' },
  { id: 'org-payer-02', name: 'Blue Harbor Health Insurance', city: cityNamed('Portland', 'ME'), kind: 'payer' },
];

const LOCATION_ROLES: readonly LocationEntry['role'][] = [
  { code: 'HOSP', display: 'Hospital' },
  { code: 'ER', display: 'Emergency room' },
  { code: 'GIM', display: 'General internal medicine clinic' },
];
const LOCATION_SUFFIX: Record<LocationEntry['role']['code'], string> = {
  HOSP: 'Main Campus',
  ER: 'Emergency Department',
  GIM: 'Internal Medicine Clinic',
};

/** The hospital serving a city: the one in the same time zone. */
export function hospitalFor(catalog: SharedCatalog, city: City): OrganizationEntry {
  return catalog.hospitals.find((h) => h.city.zone === city.zone) ?? catalog.hospitals[0];
}

export function sharedCatalog(practitioners: number): SharedCatalog {
  const practitionerIds = Array.from({ length: practitioners }, (_, i) => `prac-${pad(i + 1, 4)}`);
  const locations = HOSPITALS.flatMap((hospital) => LOCATION_ROLES.map((role) => ({ hospital, role })))
    .map(({ hospital, role }, i) => ({
      id: `loc-${pad(i + 1, 4)}`,
      name: `${hospital.name} - ${LOCATION_SUFFIX[role.code]}`,
      hospital,
      role,
    }));
  return {
    hospitals: HOSPITALS,
    labs: LABS,
    payers: PAYERS,
    locations,
    practitionerIds,
    staff: new Map(HOSPITALS.map((h, i) => [h.id, practitionerIds.filter((_, p) => p % HOSPITALS.length === i)])),
    medicationIds: new Map(DRUGS.map((d) => [d.rxnorm, `med-${d.rxnorm}`])),
  };
}
