import type { TimeZone } from '../time';

/** Cities spread over US time zones (two without daylight saving) and with homonyms (two Springfields, two Portlands). */
export interface City {
  city: string;
  state: string;
  postalCode: string;
  zone: TimeZone;
  latitude: number;
  longitude: number;
}

const EASTERN: TimeZone = { standardOffset: -300, observesDst: true };
const CENTRAL: TimeZone = { standardOffset: -360, observesDst: true };
const MOUNTAIN: TimeZone = { standardOffset: -420, observesDst: true };
const ARIZONA: TimeZone = { standardOffset: -420, observesDst: false };
const PACIFIC: TimeZone = { standardOffset: -480, observesDst: true };
const HAWAII: TimeZone = { standardOffset: -600, observesDst: false };

export const CITIES: readonly City[] = [
  { city: 'Boston', state: 'MA', postalCode: '02115', zone: EASTERN, latitude: 42.3601, longitude: -71.0589 },
  { city: 'Springfield', state: 'MA', postalCode: '01103', zone: EASTERN, latitude: 42.1015, longitude: -72.5898 },
  { city: 'Springfield', state: 'IL', postalCode: '62701', zone: CENTRAL, latitude: 39.7817, longitude: -89.6501 },
  { city: 'Portland', state: 'ME', postalCode: '04101', zone: EASTERN, latitude: 43.6591, longitude: -70.2568 },
  { city: 'Portland', state: 'OR', postalCode: '97201', zone: PACIFIC, latitude: 45.5152, longitude: -122.6784 },
  { city: 'Chicago', state: 'IL', postalCode: '60601', zone: CENTRAL, latitude: 41.8781, longitude: -87.6298 },
  { city: 'Austin', state: 'TX', postalCode: '78701', zone: CENTRAL, latitude: 30.2672, longitude: -97.7431 },
  { city: 'Denver', state: 'CO', postalCode: '80202', zone: MOUNTAIN, latitude: 39.7392, longitude: -104.9903 },
  { city: 'Phoenix', state: 'AZ', postalCode: '85004', zone: ARIZONA, latitude: 33.4484, longitude: -112.074 },
  { city: 'San José', state: 'CA', postalCode: '95112', zone: PACIFIC, latitude: 37.3382, longitude: -121.8863 },
  { city: 'Seattle', state: 'WA', postalCode: '98101', zone: PACIFIC, latitude: 47.6062, longitude: -122.3321 },
  { city: 'Honolulu', state: 'HI', postalCode: '96813', zone: HAWAII, latitude: 21.3069, longitude: -157.8583 },
];

export const STREETS = [
  'Main Street', 'Oak Avenue', 'Maple Drive', 'Elm Street', 'Cedar Lane', 'Washington Boulevard',
  'Park Avenue', 'Lakeview Road', 'Hillside Court', 'Sunset Boulevard', 'Church Street', 'Mill Road',
] as const;
