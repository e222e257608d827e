import { acceptTotp, newTotpSecret, totpCode, totpUri } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890" (here in base32); codes are the
// last 6 of the 8 digits.
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('computes the Appendix B code at T=%i', (seconds, expected) => {
    expect(totpCode(SEED, Math.floor(seconds / 30))).toBe(expected.slice(-6));
  });

  it('makes 160-bit base32 secrets (RFC 4226 §4)', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the current code, and the previous and next step for clock drift, but not two steps away', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(acceptTotp(SEED, totpCode(SEED, step), undefined, now)).toBe(step);
    expect(acceptTotp(SEED, totpCode(SEED, step - 1), undefined, now)).toBe(step - 1);
    expect(acceptTotp(SEED, totpCode(SEED, step + 1), undefined, now)).toBe(step + 1);
    expect(acceptTotp(SEED, totpCode(SEED, step - 2), undefined, now)).toBeUndefined();
  });

  it('refuses a code whose step is not after the last accepted one (a code works once)', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(acceptTotp(SEED, totpCode(SEED, step), step, now)).toBeUndefined();
    expect(acceptTotp(SEED, totpCode(SEED, step - 1), step, now)).toBeUndefined();
  });

  it('refuses malformed codes', () => {
    expect(acceptTotp(SEED, '12345', undefined, Date.now())).toBeUndefined();
    expect(acceptTotp(SEED, 'abcdef', undefined, Date.now())).toBeUndefined();
  });

  it('makes an otpauth:// URI authenticator apps enrol from (SHA-1, 6 digits, 30 s: stated or the format defaults)', () => {
    const uri = new URL(totpUri('FHIR server', 'alice', 'ABC'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/FHIR server:alice');
    expect(uri.searchParams.get('secret')).toBe('ABC');
    expect(uri.searchParams.get('issuer')).toBe('FHIR server');
    expect(uri.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
    expect(uri.searchParams.get('digits') ?? '6').toBe('6');
    expect(uri.searchParams.get('period') ?? '30').toBe('30');
  });
});
