/** Just enough FHIR REST for setting up scenarios (the load itself goes through autocannon). */
export const FHIR_JSON = 'application/fhir+json';

/**
 * The id in a create's Location header: `{base}/{Type}/{id}/_history/{vid}` per
 * https://hl7.org/fhir/R4/http.html#create (the `_history` part is optional here).
 */
export function idFromLocation(location: string | undefined, resourceType: string): string | undefined {
  if (!location) return undefined;
  const match = new RegExp(`(?:^|/)${resourceType}/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?/?$`).exec(location);
  return match?.[1];
}

/** For autocannon's verifyBody: the response is a resource of this type (counted as a mismatch otherwise). */
export function isResourceOfType(resourceType: string): (body: unknown) => boolean {
  const pattern = new RegExp(`"resourceType"\\s*:\\s*"${resourceType}"`);
  return (body) => typeof body === 'string' && pattern.test(body);
}

/** Header lookup that ignores case, since servers spell `Location` either way. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

/** POST a resource and return the id the server assigned. */
export async function createResource(fhirBase: string, resourceType: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${fhirBase}/${resourceType}`, {
    method: 'POST',
    headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON, ...headers },
    body,
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST ${resourceType} answered ${response.status}, expected 201: ${text.slice(0, 500)}`);
  }
  const id = idFromLocation(response.headers.get('location') ?? undefined, resourceType);
  if (!id) throw new Error(`POST ${resourceType} answered 201 without a usable Location header`);
  return id;
}

/**
 * How long a search of AuditEvents takes right after a load, and how many there are. The server chains AuditEvents
 * behind the requests (each is durable before it is answered) and lets the chainer catch up before any search of
 * them: the time is how far behind chaining was when the load stopped.
 */
export async function auditChainCatchUp(fhirBase: string, headers: Record<string, string>): Promise<{ ms: number; events: number }> {
  const started = performance.now();
  const response = await fetch(`${fhirBase}/AuditEvent?_summary=count`, { headers });
  const body = (await response.json()) as { total?: number };
  if (response.status !== 200 || typeof body.total !== 'number') throw new Error(`counting AuditEvents answered ${response.status}`);
  return { ms: Math.round(performance.now() - started), events: body.total };
}
