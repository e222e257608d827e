import { badRequest } from '../errors/fhir-error';
import type { PatchBody } from '../patch/apply-patch';
import { parseConditionalReference } from './conditional-references';
import { canonicalCriteria, mapQueryValues } from './entry-url';
import { rewritePatchLinks } from './patch-entry';
import { rewriteLinks, type LinkKind } from './reference-rewriter';

const PLACEHOLDER = /^urn:(uuid|oid):/;

/**
 * What the entries of one Bundle call each other: fullUrls (R4 bundle.html#references), and the criteria of its
 * conditional creates and updates, each bound to the `Type/id` it turned out to be. Rewrites resources, patches and
 * URLs of the bundle with them (R4 http.html#trules: "Servers SHALL replace all matching links in the bundle").
 */
export class EntryLinks {
  private readonly targets = new Map<string, string>();
  private readonly criteria = new Map<string, string>();

  /** `fullUrls`: every fullUrl the bundle declares, to tell a link to an entry from a link to elsewhere. */
  constructor(private readonly fullUrls: ReadonlyMap<string, number>) {}

  bind(fullUrl: string | undefined, reference: string): void {
    if (fullUrl !== undefined) this.targets.set(fullUrl, reference);
  }

  /** Records what a conditional entry's criteria selected, so a conditional reference with the same criteria agrees. */
  bindCriteria(type: string, query: string, reference: string): void {
    this.criteria.set(canonicalCriteria(type, query), reference);
  }

  targetOf(fullUrl: string): string | undefined {
    return this.targets.get(fullUrl);
  }

  /**
   * The resource with its links to entries replaced by `Type/id`, and the conditional references that repeat an
   * entry's criteria replaced by what those selected. A placeholder reference (`urn:uuid:`, `urn:oid:`) left over
   * names nothing this bundle writes: that is an error, not a link to keep.
   */
  rewriteResource<T>(resource: T, at: string): T {
    const mapper = (value: string, kind: LinkKind, path: string) => {
      const mapped = this.linkTarget(value, kind);
      // `path` starts with the resource type (`Observation.subject.reference`); `at` stands for it.
      if (mapped === undefined && kind === 'reference' && PLACEHOLDER.test(value)) throw this.dangling(value, `${at}${path.slice(path.indexOf('.'))}`);
      return mapped;
    };
    return rewriteLinks(resource, mapper, this.candidate);
  }

  rewritePatch(patch: PatchBody): PatchBody {
    return rewritePatchLinks(patch, (value, kind) => this.linkTarget(value, kind), this.candidate);
  }

  /** Strings that may be links to entries: placeholders, fullUrls, conditional references, narratives with links. */
  private readonly candidate = (value: string): boolean =>
    value.startsWith('urn:') || this.targets.has(value) || value.includes('?') || (value.startsWith('<div') && /\b(href|src)="/.test(value));

  /** A query with its values that are fullUrls of entries replaced (`subject=urn:uuid:...` → `subject=Patient/1`). */
  rewriteQuery(query: string, at: string): string {
    return mapQueryValues(query, (value) => {
      if (!this.fullUrls.has(value)) return undefined;
      const target = this.targets.get(value);
      if (target === undefined) throw this.dangling(value, at);
      return target;
    });
  }

  /** The fullUrls of entries that a query names, each an entry it depends on. */
  queryDependencies(query: string): number[] {
    const found: number[] = [];
    for (const [, value] of new URLSearchParams(query)) {
      const index = this.fullUrls.get(value);
      if (index !== undefined) found.push(index);
    }
    return found;
  }

  private linkTarget(value: string, kind: LinkKind): string | undefined {
    const target = this.targets.get(value);
    if (target !== undefined || kind !== 'reference') return target;
    const conditional = parseConditionalReference(value);
    return conditional ? this.criteria.get(canonicalCriteria(conditional.type, conditional.query)) : undefined;
  }

  private dangling(value: string, at: string) {
    const index = this.fullUrls.get(value);
    const why = index === undefined ? 'is the fullUrl of no entry in this Bundle' : `is the fullUrl of entry ${index}, which creates or updates no resource`;
    return badRequest(`'${value}' at ${at} ${why}`, at);
  }
}
