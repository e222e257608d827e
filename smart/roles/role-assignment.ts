import { isRole } from './role-catalogue';

/**
 * A role held by a user, optionally only within a window (a shift, a locum contract): access follows it, checked
 * when a token is issued and again on every request. Times are seconds since the epoch, as in JWTs.
 */
export interface RoleAssignment {
  role: string;
  notBefore?: number;
  notAfter?: number;
}

export function isActive(assignment: RoleAssignment, nowSeconds: number): boolean {
  return (assignment.notBefore === undefined || assignment.notBefore <= nowSeconds) && (assignment.notAfter === undefined || nowSeconds < assignment.notAfter);
}

export function activeRoleNames(assignments: readonly RoleAssignment[], nowSeconds: number): string[] {
  return [...new Set(assignments.filter((a) => isActive(a, nowSeconds)).map((a) => a.role))].sort();
}

/**
 * Parses the CLI's role syntax: `nurse`, or `nurse@2026-01-05T07:00Z/2026-01-05T19:00Z` (either end may be
 * empty: `nurse@/2026-06-30` ends a role, `nurse@2026-01-05` starts one).
 */
export function parseRoleAssignment(text: string): RoleAssignment {
  const [role, window] = text.split('@', 2);
  if (!isRole(role)) throw new Error(`unknown role '${role}'`);
  if (window === undefined) return { role };
  const [from, to] = window.split('/', 2);
  const assignment: RoleAssignment = { role };
  if (from) assignment.notBefore = seconds(from, text);
  if (to) assignment.notAfter = seconds(to, text);
  if (assignment.notBefore !== undefined && assignment.notAfter !== undefined && assignment.notAfter <= assignment.notBefore) {
    throw new Error(`role window ends before it starts: '${text}'`);
  }
  return assignment;
}

function seconds(iso: string, text: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a date-time in role '${text}': '${iso}'`);
  return Math.floor(ms / 1000);
}
