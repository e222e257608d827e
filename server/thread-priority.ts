import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The lowest CPU priority (the highest nice value) on Linux. */
export const LOWEST_PRIORITY = 19;

/**
 * Lowers the CPU priority of the calling thread only. On Linux a nice value belongs to a thread, and
 * setpriority(PRIO_PROCESS, tid) sets one thread's (the process's other threads keep theirs); the thread's id is the
 * last part of /proc/thread-self. Elsewhere, or where that is refused, it does nothing and says so: `false`.
 *
 * For background work that must not take the CPU from request handling when both want it (as RocksDB lowers the
 * CPU priority of its compaction threads): a lowered thread cannot raise itself again without CAP_SYS_NICE.
 */
export function lowerThisThreadPriority(nice: number = LOWEST_PRIORITY): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const threadId = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    os.setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
