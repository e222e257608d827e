import { toBufferKey } from 'ordered-binary';
import { encodeTuple, entryKey, type IndexValue } from './index-entries';

describe('entryKey', () => {
  const tuples: IndexValue[][] = [
    ['http://loinc.org|8867-4'],
    [null],
    [true],
    [false],
    [0],
    [-12.5],
    [1e21],
    ['\u0001control first', 42, null, 'ünïcødé 😀'],
    ['x'.repeat(120)],
  ];

  it.each(tuples.map((t) => [JSON.stringify(t), t]))('writes the bytes of the key written out in full for %s', (_name, tuple) => {
    for (const [collection, index] of [['Observation', 'sp_combo-code-value-quantity_c0_c'], ['history', 'type_id_updated'], ['\u0002odd', '']]) {
      const expected = toBufferKey([collection, index, ...encodeTuple(tuple), '0192f0e4-7c1a-7000-8000-000000000001']);
      expect(Buffer.from(toBufferKey(entryKey(collection, index, tuple, '0192f0e4-7c1a-7000-8000-000000000001')))).toEqual(Buffer.from(expected));
      expect(Buffer.from(toBufferKey(entryKey(collection, index, tuple)))).toEqual(Buffer.from(toBufferKey([collection, index, ...encodeTuple(tuple)])));
    }
  });
});
