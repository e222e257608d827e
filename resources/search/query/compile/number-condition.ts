import type { NumberValue } from '../parse/number-value';

/**
 * Bounds on a stored number for a number or quantity search value (R4 search.html#number, #prefix). `eq`, `ne`,
 * `sa`, `eb` use the value's implicit range [low, high) from its precision; `gt`, `lt`, `ge`, `le` compare with the
 * value itself; `ap` is within 10% of the value (or the implicit range, if wider). Returns the operator object for
 * the stored field, or an `$or` of two when the match lies on both sides (`ne`).
 */
export type NumberBounds = { op: Record<string, number> } | { either: [Record<string, number>, Record<string, number>] };

export function numberBounds(value: NumberValue): NumberBounds {
  const { value: v, low, high } = value;
  switch (value.prefix) {
    case 'eq':
      return { op: { $gte: low, $lt: high } };
    case 'ne':
      return { either: [{ $lt: low }, { $gte: high }] };
    case 'gt':
      return { op: { $gt: v } };
    case 'lt':
      return { op: { $lt: v } };
    case 'ge':
      return { op: { $gte: v } };
    case 'le':
      return { op: { $lte: v } };
    case 'sa':
      return { op: { $gte: high } };
    case 'eb':
      return { op: { $lt: low } };
    case 'ap': {
      const spread = Math.max(Math.abs(v) * 0.1, high - v);
      return { op: { $gte: v - spread, $lte: v + spread } };
    }
  }
}

/** The condition on entry field `field` (`n` of a number entry, `v` or `cv` of a quantity entry). */
export function numberCondition(field: string, bounds: NumberBounds): Record<string, unknown> {
  if ('op' in bounds) return { [field]: bounds.op };
  return { $or: bounds.either.map((op) => ({ [field]: op })) };
}
