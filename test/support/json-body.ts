/** A response body parsed as JSON; undefined when empty or not JSON (tests assert on the status and text then). */
export function parsedOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
