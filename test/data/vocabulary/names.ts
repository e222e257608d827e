/**
 * Person names. Accented spellings (José, Zoë, Müller) sit beside their plain twins (Jose, Muller) and
 * prefixes sit beside longer names (Smith, Smithson), so string search can be tested for accent folding
 * and for the default starts-with match.
 */
export const GIVEN_FEMALE = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
  'Zoë', 'Zoe', 'María', 'Chloé', 'Renée', 'Siobhán', 'Aisha', 'Mei', 'Priya', 'Ana', 'Ingrid', 'Fatima',
] as const;

export const GIVEN_MALE = [
  'James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles',
  'José', 'Jose', 'Luis', 'Jürgen', 'François', 'Søren', 'Björn', 'Wei', 'Mohammed', 'Raj', 'Kwame', 'Ivan',
] as const;

export const FAMILY = [
  'Smith', 'Smithson', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson',
  'Müller', 'Muller', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Nguyen', 'Kim', 'Chen',
  "O'Brien", 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Pérez', 'Thompson',
  'White', 'Harris', 'Sánchez', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'Wright',
] as const;

/** Lower-case ASCII for e-mail addresses (`Zoë Müller` -> `zoe.muller`). */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
