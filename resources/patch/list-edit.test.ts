import { insertItem, moveItem, removeItem, removeProperty } from './list-edit';

describe('list edits keep primitive extensions (the _ sibling) in step', () => {
  const extended = { extension: [{ url: 'u', valueString: 'x' }] };
  const withExtensions = () => ({ given: ['a', 'b'], _given: [null, structuredClone(extended)] });

  it('insert adds a null extension slot at the same index', () => {
    const name: Record<string, unknown> = withExtensions();
    insertItem(name, 'given', 0, 'z');
    expect(name).toEqual({ given: ['z', 'a', 'b'], _given: [null, null, extended] });
  });

  it('remove drops the item and its extension slot, and empty lists', () => {
    const name: Record<string, unknown> = withExtensions();
    removeItem(name, 'given', 1);
    expect(name).toEqual({ given: ['a'] });
    removeItem(name, 'given', 0);
    expect(name).toEqual({});
  });

  it('move moves the extension slot with its item', () => {
    const name: Record<string, unknown> = withExtensions();
    moveItem(name, 'given', 1, 0);
    expect(name).toEqual({ given: ['b', 'a'], _given: [extended, null] });
  });

  it('removing a single primitive removes its extensions', () => {
    const patient: Record<string, unknown> = { birthDate: '2000', _birthDate: { extension: [] } };
    removeProperty(patient, 'birthDate');
    expect(patient).toEqual({});
  });
});
