import type { Resource } from 'fhir/r4';
import type { ResourceIndexer } from '../search/search-engine';
import type { DerivedFields } from '../storage/embedded/derived-fields';

/**
 * On the embedded store, AuditEvents are stored without their search values (`sp`). One AuditEvent is chained for
 * every request, and encoding its search values (about 1.8 KB in some 25 small objects) was the largest single
 * cost of chaining it, 11 of about 85 µs, besides 1.2 KB more written per event; yet they are read only when an
 * audit search re-checks a candidate. They are derived again from the stored JSON then, on first access. The index
 * entries are still written from the values computed when the event was chained. MongoDB keeps storing them: it
 * evaluates filters against the stored document itself.
 */
export function auditEventSearchValues(indexer: () => ResourceIndexer): DerivedFields {
  return new Map([
    [
      'AuditEvent',
      {
        name: 'sp',
        derive: (stored) => (typeof stored.json === 'string' ? indexer().index(JSON.parse(stored.json) as Resource).sp : {}),
      },
    ],
  ]);
}
