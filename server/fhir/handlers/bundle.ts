import { processBundle } from '../../../resources/bundles/process-bundle';
import { parsePrefer } from '../../http/prefer';
import { readJsonBody } from '../../http/read-body';
import { STATUS_OF } from '../../http/status';
import { toFhirError } from '../../http/error-handler';
import type { FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';

/**
 * `POST [base]` with a batch or transaction Bundle (R4 http.html#transaction). The work is in
 * resources/bundles; this adapts the request (body, Prefer) and hands over the HTTP status vocabulary.
 */
export async function bundle(req: FhirRequest, { repository, config }: FhirServices): Promise<FhirResponse> {
  const prefer = parsePrefer(req.header('prefer'));
  const response = await processBundle(repository, req.ctx, readJsonBody(req), {
    fhirBase: req.fhirBase,
    maxEntries: config.bundleMaxEntries,
    prefer: prefer.return,
    handling: prefer.handling,
    pageSizes: config,
    statusOf: (kind) => STATUS_OF[kind],
    toFhirError,
  });
  return { status: 200, resource: response };
}
