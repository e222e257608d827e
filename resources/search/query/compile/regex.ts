/**
 * Regular expressions built from user text match that text literally: every metacharacter is escaped. The set
 * is exactly the embedded planner's (query-conditions.ts), so an escaped literal prefix still narrows an index.
 */
const METACHARACTERS = /[.*+?^${}()|[\]\\]/g;

export function escapeRegex(text: string): string {
  return text.replace(METACHARACTERS, '\\$&');
}

/** Values starting with `text`: anchored and case-sensitive, so the index on the field serves it. */
export function startsWith(text: string): { $regex: string } {
  return { $regex: `^${escapeRegex(text)}` };
}

/** Values containing `text` anywhere. */
export function containing(text: string): { $regex: string } {
  return { $regex: escapeRegex(text) };
}
