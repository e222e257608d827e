import type { Resource } from 'fhir/r4';

/**
 * One stored version of a resource, as served: its JSON text is kept as written so a read sends it without
 * parsing and re-serializing; the parsed resource is made only when something needs it.
 */
export class ResourceVersion {
  private parsed: Resource | undefined;

  constructor(
    readonly type: string,
    readonly id: string,
    readonly versionId: number,
    readonly lastUpdated: string,
    /** null for the version that records a delete */
    readonly json: string | null,
    readonly compartments: readonly string[],
  ) {}

  get deleted(): boolean {
    return this.json === null;
  }

  /** Weak ETag per FHIR R4 http.html#versioning: `W/"3"`. */
  get etag(): string {
    return `W/"${this.versionId}"`;
  }

  get reference(): string {
    return `${this.type}/${this.id}`;
  }

  get resource(): Resource {
    if (this.json === null) throw new Error(`${this.reference} version ${this.versionId} is a delete`);
    this.parsed ??= JSON.parse(this.json) as Resource;
    return this.parsed;
  }
}
