import type { FhirResource } from 'fhir/r4';
import { generatePatientRecords, generateSharedResources, toTransactionBundle } from '../../data';

/** A transaction Bundle ready to send: its JSON text and how many resources it writes. */
export interface IngestBundle {
  body: string;
  resources: number;
}

export interface IngestData {
  /** The Organizations, Locations, Practitioners and Medications the records refer to, as one `PUT` transaction. */
  shared: IngestBundle;
  bundles: IngestBundle[];
}

/**
 * Generated patient records (test/data, about 100 resources each) grouped, whole records at a time, into
 * transaction Bundles of about `entriesPerBundle` entries in `post-urn-uuid` form: every resource is created with
 * a server-assigned id and the references between a record's resources are urn:uuids the server rewrites. A
 * record is never split, so no bundle refers to a urn:uuid of another.
 */
export function ingestBundles(options: { seed: number; patients: number; entriesPerBundle: number }): IngestData {
  const generator = { seed: options.seed, patients: options.patients };
  const shared = [...generateSharedResources(generator)];
  const bundles: IngestBundle[] = [];
  let pending: FhirResource[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    bundles.push(toBody(pending, 'post-urn-uuid'));
    pending = [];
  };
  for (const record of generatePatientRecords(generator)) {
    if (pending.length > 0 && pending.length + record.resources.length > options.entriesPerBundle) flush();
    pending.push(...record.resources);
  }
  flush();
  return { shared: toBody(shared, 'put'), bundles };
}

function toBody(resources: readonly FhirResource[], mode: 'put' | 'post-urn-uuid'): IngestBundle {
  return { body: JSON.stringify(toTransactionBundle(resources, mode)), resources: resources.length };
}
