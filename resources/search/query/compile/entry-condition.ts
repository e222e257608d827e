import type { Filter } from '../../../storage/port';

/**
 * A condition on one index entry (one element of `sp.<code>`, index-format.ts), over the entry's own fields.
 * Conditions on one entry are always applied together through `$elemMatch`, so `system|code` or a date range is
 * matched by one Coding or one Period, never by parts of two.
 */
export type EntryCondition = Filter;
