import { parseDateValue } from './date-value';

describe('date search values (R4 search.html#date)', () => {
  it('is the range the value covers at its precision, with the prefix taken off', () => {
    expect(parseDateValue('ge2020-03', 'date')).toEqual({ prefix: 'ge', low: '2020-03-01T00:00:00.000Z', high: '2020-03-31T23:59:59.999Z' });
  });

  it('honours the time zone of the value', () => {
    expect(parseDateValue('2020-03-04T10:00:00+02:00', 'date')).toMatchObject({ low: '2020-03-04T08:00:00.000Z' });
  });

  it('reads a time zone whose + arrived as a space (not percent-encoded) as the + it was', () => {
    expect(parseDateValue('lt2020-03-04T10:00:00 02:00', 'date')).toMatchObject({ prefix: 'lt', low: '2020-03-04T08:00:00.000Z' });
  });

  it.each(['2020-13-01', '2020-02-30', 'tomorrow', 'ge', 'xx2020', '{"$gt":""}'])('refuses %s with a 400 naming the parameter', (text) => {
    expect(() => parseDateValue(text, 'birthdate')).toThrow(expect.objectContaining({ kind: 'bad-request', message: expect.stringContaining('birthdate') }));
  });
});
