/**
 * The forms a Reference.reference may take here (https://hl7.org/fhir/R4/references.html#literal):
 * - relative `Type/id` or `Type/id/_history/vid`, Type an R4 resource type and id, vid FHIR ids;
 * - an absolute URL (`scheme://...`), typically `https://server/fhir/Type/id`: it may point anywhere;
 * - `#id`, a contained resource of the same container (https://hl7.org/fhir/R4/references.html#contained),
 *   or `#` alone, the container itself;
 * - `urn:uuid:<uuid>` or `urn:oid:<oid>`, as Bundle entries' fullUrls are
 *   (https://hl7.org/fhir/R4/bundle.html#references);
 * - a conditional reference `Type?query`, which a transaction resolves (https://hl7.org/fhir/R4/http.html#trules).
 */

/** The R4 `id` datatype (https://hl7.org/fhir/R4/datatypes.html#id). */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const RELATIVE = /^([A-Za-z]+)\/([^/]*)(?:\/_history\/([^/]*))?$/;
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;
const UUID = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const CONDITIONAL = /^([A-Za-z]+)\?(.+)$/;

const ID_RULE = 'ids are 1 to 64 characters of A-Z, a-z, 0-9, - and .';
const FORMS = 'Type/id, Type/id/_history/vid, an absolute URL, #contained-id, urn:uuid:, urn:oid: or Type?search';

/**
 * What is wrong with `reference`, or undefined when nothing is. `localIds` are the ids of the contained
 * resources that `#id` may name: the container's, also for a reference made inside a contained resource.
 */
export function referenceProblem(
  reference: string,
  resourceTypes: ReadonlySet<string>,
  localIds: ReadonlySet<string>,
): string | undefined {
  const relative = RELATIVE.exec(reference);
  if (relative !== null) return relativeProblem(reference, relative, resourceTypes);
  if (reference.charCodeAt(0) === 35 /* # */) {
    const id = reference.slice(1);
    if (id === '' || localIds.has(id)) return undefined;
    return `Reference '${reference}' names no contained resource`;
  }
  if (reference.startsWith('urn:uuid:')) return check(UUID.test(reference), `Invalid urn:uuid reference '${reference}'`);
  if (reference.startsWith('urn:oid:')) return check(OID.test(reference), `Invalid urn:oid reference '${reference}'`);
  if (ABSOLUTE_URL.test(reference)) return undefined;
  const conditional = CONDITIONAL.exec(reference);
  if (conditional !== null) {
    return check(resourceTypes.has(conditional[1]), `Unknown resource type '${conditional[1]}' in reference '${reference}'`);
  }
  return `Invalid reference '${reference}': expected ${FORMS}`;
}

function relativeProblem(reference: string, match: RegExpExecArray, resourceTypes: ReadonlySet<string>) {
  const type = match[1];
  const id = match[2];
  const versionId = match[3] as string | undefined;
  if (!resourceTypes.has(type)) return `Unknown resource type '${type}' in reference '${reference}'`;
  if (!FHIR_ID.test(id)) return `Invalid id '${id}' in reference '${reference}': ${ID_RULE}`;
  if (versionId !== undefined && !FHIR_ID.test(versionId)) {
    return `Invalid version id '${versionId}' in reference '${reference}': ${ID_RULE}`;
  }
  return undefined;
}

function check(ok: boolean, problem: string): string | undefined {
  return ok ? undefined : problem;
}
