import fs from 'node:fs';

/**
 * Field `field` of /proc/<pid>/stat, numbered as proc(5) numbers them (4 the parent's pid, 22 the start time, 41
 * the scheduling policy), or undefined where there is no such file (not Linux, or the process is gone). Field 2, the
 * command name, is in parentheses and may itself hold spaces and parentheses, so fields are counted from after the
 * last `)`.
 */
export function procStatField(pid: number | 'self', field: number): string | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[field - 3];
}
