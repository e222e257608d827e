import { procStatField } from './proc-stat';

const linuxOnly = process.platform === 'linux' ? it : it.skip; // other systems have no /proc to read

describe('procStatField (proc(5))', () => {
  linuxOnly('reads fields by their proc(5) number', () => {
    expect(Number(procStatField(process.pid, 4))).toBe(process.ppid);
    expect(procStatField('self', 3)).toMatch(/^[RSDZTtWXxKWP]$/);
  });

  it('is undefined for a process that does not exist', () => {
    expect(procStatField(2 ** 31 - 1, 4)).toBeUndefined();
  });
});
