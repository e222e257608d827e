/** The parts of the Prefer header (RFC 7240) FHIR uses: return (http.html#ops) and handling (search.html#errors). */
export interface Preferences {
  return: 'minimal' | 'representation' | 'OperationOutcome';
  handling: 'strict' | 'lenient';
  respondAsync: boolean;
}

export function parsePrefer(header: string | undefined): Preferences {
  const prefs: Preferences = { return: 'representation', handling: 'lenient', respondAsync: false };
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (name === 'return' && (value === 'minimal' || value === 'representation' || value === 'OperationOutcome')) prefs.return = value;
    if (name === 'handling' && (value === 'strict' || value === 'lenient')) prefs.handling = value;
    if (name === 'respond-async') prefs.respondAsync = true;
  }
  return prefs;
}
