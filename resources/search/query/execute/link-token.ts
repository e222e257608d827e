/**
 * The wire form of the opaque tokens in paging links (`_page`): a JSON array, base64url-encoded. Decoding only
 * parses; each kind of token checks its own fields, since the client can send anything back.
 */
export function encodeLinkToken(fields: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** The token's fields when it is a base64url JSON array of `length` items; undefined for anything else. */
export function decodeLinkToken(token: string, length: number): unknown[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return Array.isArray(body) && body.length === length ? body : undefined;
}
