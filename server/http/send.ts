import type { Response } from 'express';
import type { FhirResponse } from '../fhir/fhir-response';
import type { Representation } from './negotiate';

/**
 * Writes a handler's answer. A stored version goes out as its stored JSON text, unparsed, unless pretty
 * printing was asked for: the read path then costs one store lookup and one socket write.
 */
export function send(res: Response, response: FhirResponse, representation: Representation): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  if (response.status === 304) {
    res.end();
    return;
  }
  let body: string | undefined;
  if (response.version && response.version.json !== null) {
    body = representation.pretty ? JSON.stringify(response.version.resource, null, 2) : response.version.json;
  } else if (response.resource) {
    body = JSON.stringify(response.resource, null, representation.pretty ? 2 : undefined);
  }
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', `${representation.mediaType}; charset=utf-8`);
  res.end(body);
}
