import { historyBundle, historyQuery, type HistoryScope } from '../../../resources/repository/history-bundle';
import type { FhirRequest } from '../fhir-request';
import type { FhirResponse } from '../fhir-response';
import type { FhirServices } from '../services';

/** History of one resource, a type, or the whole system (R4 http.html#history), as a `history` Bundle. */
export async function history(req: FhirRequest, { repository, config }: FhirServices): Promise<FhirResponse> {
  const scope: HistoryScope = { type: req.params.type, id: req.params.id };
  const page = await repository.history(req.ctx, historyQuery(scope, req.query, config));
  return { status: 200, resource: historyBundle(req.fhirBase, scope, req.query, page) };
}
