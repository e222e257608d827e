import { notAcceptable } from '../../resources/errors/fhir-error';

export const FHIR_JSON = 'application/fhir+json';

/** What a response is written as: always JSON here; the media type echoes the one the client asked for. */
export interface Representation {
  mediaType: 'application/fhir+json' | 'application/json';
  pretty: boolean;
}

const JSON_FORMATS: Record<string, Representation['mediaType']> = {
  json: FHIR_JSON,
  'application/fhir+json': FHIR_JSON,
  'application/json+fhir': FHIR_JSON,
  'application/json': 'application/json',
};

/**
 * Content negotiation per R4 http.html#mime-type: `_format` overrides Accept. This server speaks JSON only, so
 * a request for XML (or anything but JSON) gets 406 with an OperationOutcome, in JSON.
 */
export function negotiate(format: string | undefined, accept: string | undefined, pretty: string | undefined): Representation {
  const wantsPretty = pretty === 'true';
  if (format !== undefined) {
    const mediaType = JSON_FORMATS[format.split(';')[0].trim().toLowerCase()];
    if (!mediaType) throw notAcceptable(`_format '${format}' is not supported; this server returns JSON (application/fhir+json)`);
    return { mediaType, pretty: wantsPretty };
  }
  if (accept === undefined || accept.trim() === '') return { mediaType: FHIR_JSON, pretty: wantsPretty };
  const ranges = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { type } of ranges) {
    if (JSON_FORMATS[type]) return { mediaType: JSON_FORMATS[type], pretty: wantsPretty };
    if (type === '*/*' || type === 'application/*') return { mediaType: FHIR_JSON, pretty: wantsPretty };
  }
  throw notAcceptable(`None of the media types in Accept ('${accept}') can be produced; this server returns application/fhir+json`);
}
