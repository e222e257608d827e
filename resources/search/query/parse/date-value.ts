import { parseDateRange } from '../../../datatypes/date-range';
import { badRequest } from '../../../errors/fhir-error';
import { splitPrefix, type Prefix } from './prefix';

/**
 * A date search value: the prefix and the closed range of instants the value covers at its precision
 * (R4 search.html#date): `2020` is all of 2020, `2020-03-04T10:00:00+02:00` is one second.
 */
export interface DateValue {
  prefix: Prefix;
  low: string;
  high: string;
}

export function parseDateValue(text: string, name: string): DateValue {
  const { prefix, rest } = splitPrefix(text);
  const range = parseDateRange(restorePlus(rest));
  if (!range) throw badRequest(`'${text}' is not a valid date (parameter ${name}); dates look like 2020, 2020-03 or 2020-03-04T10:00:00Z`, name);
  return { prefix, low: range[0], high: range[1] };
}

/**
 * A `+` in a time zone that the client did not percent-encode arrives as a space once the query string is
 * decoded (`...T10:00:00 02:00`); a space can never be part of a date, so it is read back as the `+` it was.
 */
function restorePlus(value: string): string {
  return value.replace(/ (\d{2}:\d{2})$/, '+$1');
}
