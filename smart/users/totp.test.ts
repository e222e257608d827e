import { acceptTotp, base32Decode, base32Encode, totpCode, totpUri } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; codes are the last 6 of the 8 digits.
const SEED = base32Encode(Buffer.from('12345678901234567890'));
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

  it('round-trips base32 (RFC 4648)', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 17]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
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

  it('makes an otpauth:// URI authenticator apps enrol from', () => {
    expect(totpUri('FHIR server', 'alice', 'ABC')).toBe('otpauth://totp/FHIR%20server:alice?secret=ABC&issuer=FHIR%20server&algorithm=SHA1&digits=6&period=30');
  });
});
