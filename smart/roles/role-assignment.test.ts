import { activeRoleNames, parseRoleAssignment } from './role-assignment';

describe('role assignments with validity windows', () => {
  it('parses plain and time-bound roles', () => {
    expect(parseRoleAssignment('nurse')).toEqual({ role: 'nurse' });
    expect(parseRoleAssignment('nurse@2026-01-05T07:00:00Z/2026-01-05T19:00:00Z')).toEqual({ role: 'nurse', notBefore: 1767596400, notAfter: 1767639600 });
    expect(parseRoleAssignment('nurse@/2026-01-05T19:00:00Z')).toEqual({ role: 'nurse', notAfter: 1767639600 });
  });

  it('refuses unknown roles, bad dates and windows that end before they start', () => {
    expect(() => parseRoleAssignment('wizard')).toThrow(/unknown role/);
    expect(() => parseRoleAssignment('nurse@yesterday')).toThrow(/not a date-time/);
    expect(() => parseRoleAssignment('nurse@2026-01-05T19:00:00Z/2026-01-05T07:00:00Z')).toThrow(/ends before/);
  });

  it('keeps only the roles whose window holds now (end exclusive)', () => {
    const roles = [{ role: 'nurse', notBefore: 100, notAfter: 200 }, { role: 'auditor' }];
    expect(activeRoleNames(roles, 99)).toEqual(['auditor']);
    expect(activeRoleNames(roles, 100)).toEqual(['auditor', 'nurse']);
    expect(activeRoleNames(roles, 200)).toEqual(['auditor']);
  });
});
