import type { StoredDocument } from '../port';

/**
 * A field that a collection's documents are indexed and queried by, but stored without: it is derived again from
 * the stored document when read. For documents written far more often than they are searched (AuditEvents: one per
 * request), this spares every write the encoding and the bytes of the field, and costs only the reads that look at
 * it, since it is derived on first access. A stored document that still has the field (written before the field
 * was derived) is read as stored.
 */
export interface DerivedField {
  name: string;
  derive(stored: StoredDocument): unknown;
}

/** Derived fields by collection name. */
export type DerivedFields = ReadonlyMap<string, DerivedField>;

/** The document as written to disk: without its collection's derived field. */
export function storedForm(derived: DerivedFields, collection: string, doc: StoredDocument): StoredDocument {
  const field = derived.get(collection);
  if (!field || !(field.name in doc)) return doc;
  const { [field.name]: _left, ...stored } = doc;
  return stored as StoredDocument;
}

/** The document as read: its derived field, if it was stored without it, computed when first accessed. */
export function readForm(derived: DerivedFields, collection: string, doc: StoredDocument): StoredDocument {
  if (derived.size === 0) return doc;
  const field = derived.get(collection);
  if (!field || field.name in doc) return doc;
  let value: unknown;
  let computed = false;
  Object.defineProperty(doc, field.name, {
    enumerable: true,
    configurable: true,
    get() {
      if (!computed) {
        value = field.derive(doc);
        computed = true;
      }
      return value;
    },
  });
  return doc;
}
