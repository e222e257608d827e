import { checkCodeVerifier } from './check_code_verifier';
import type { CodeExchange } from './code-check';

// RFC 7636 Appendix B: the worked example of S256.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function exchange(codeVerifier: unknown): CodeExchange {
  return { client: {} as never, code: 'c', redirectUri: 'r', body: { code_verifier: codeVerifier }, record: { codeChallenge: CHALLENGE } as never };
}

describe('PKCE code_verifier check (RFC 7636 §4.6)', () => {
  it('accepts the Appendix B verifier for its challenge', () => {
    expect(() => checkCodeVerifier(exchange(VERIFIER), {} as never)).not.toThrow();
  });

  it.each([
    ['a missing verifier', undefined, 'invalid_request'],
    ['a blank verifier', '  ', 'invalid_request'],
    ['the challenge itself', CHALLENGE, 'invalid_grant'],
    ['a verifier that does not match', `${VERIFIER.slice(0, -1)}x`, 'invalid_grant'],
    ['a verifier shorter than 43 characters', 'abc', 'invalid_grant'],
    ['a verifier with characters outside the set', `${VERIFIER.slice(0, -1)}!`, 'invalid_grant'],
  ])('rejects %s', (_name, verifier, code) => {
    expect(() => checkCodeVerifier(exchange(verifier), {} as never)).toThrow(expect.objectContaining({ code }));
  });
});
