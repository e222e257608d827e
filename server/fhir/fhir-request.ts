import type { AccessContext } from '../../resources/access/access-context';
import type { Representation } from '../http/negotiate';

/**
 * A FHIR interaction as the handlers see it: parsed, negotiated and authenticated, with nothing of Express in
 * it, so handlers can be tested without HTTP (STYLE.md, Medplum's router).
 */
export interface FhirRequest {
  method: string;
  /** Path parameters of the matched route (type, id, vid, compartment, ...). */
  params: Readonly<Record<string, string>>;
  /** Query parameters in order, repeats kept, URL-decoded. */
  query: ReadonlyArray<readonly [string, string]>;
  /** The raw query string, without `?`. */
  queryString: string;
  header(name: string): string | undefined;
  /** The raw request body; undefined when there is none. */
  body: Buffer | undefined;
  /** Media type of the body, lower-cased, without parameters. */
  contentType: string | undefined;
  representation: Representation;
  ctx: AccessContext;
  /** The FHIR base URL (`https://host/fhir`), for absolute links. */
  fhirBase: string;
}

export function queryParam(req: FhirRequest, name: string): string | undefined {
  return req.query.find(([k]) => k === name)?.[1];
}

/** The query without the parameters that shape the response rather than select data. */
export function criteriaOf(req: FhirRequest): string {
  const params = new URLSearchParams();
  for (const [k, v] of req.query) if (k !== '_format' && k !== '_pretty') params.append(k, v);
  return params.toString();
}
