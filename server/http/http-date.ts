/** HTTP-date (RFC 9110 §5.6.7) for Last-Modified, from a FHIR instant. */
export function httpDate(instant: string): string {
  return new Date(instant).toUTCString();
}

/** Whether a resource last updated at `instant` is unchanged since an If-Modified-Since date (second precision). */
export function notModifiedSince(instant: string, ifModifiedSince: string): boolean {
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(Date.parse(instant) / 1000) * 1000 <= since;
}
