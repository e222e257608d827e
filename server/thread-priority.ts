import fs from 'node:fs';
import os from 'node:os';
import { procStatField } from '../resources/platform/proc-stat';

/** The lowest CPU priority (the highest nice value) on Linux. */
export const LOWEST_PRIORITY = 19;

/**
 * Lowers the CPU priority of every thread of this process, and so of every thread it starts later (a new thread
 * takes its creator's nice value). On Linux a nice value belongs to a thread: setpriority(PRIO_PROCESS, pid) changes
 * the main thread only, and V8's platform threads (which do most of garbage collection) and libuv's are started
 * before any JavaScript runs, so each thread listed in /proc/self/task is lowered by its id. Elsewhere, or where that
 * is refused, it does nothing and says so: `false`.
 *
 * For background work that must not take the CPU from request handling when both want it (as RocksDB lowers the
 * CPU priority of its compaction threads): a lowered thread cannot raise itself again without CAP_SYS_NICE.
 */
export function lowerThisProcessPriority(nice: number = LOWEST_PRIORITY): boolean {
  if (process.platform !== 'linux') return false;
  try {
    for (const thread of fs.readdirSync('/proc/self/task')) os.setPriority(Number(thread), nice);
    return true;
  } catch {
    return false;
  }
}

/** SCHED_IDLE in sched.h. */
const SCHED_IDLE = 5;
/** proc(5) field `policy`: the scheduling policy. */
const POLICY = 41;

/** Whether this process was started under Linux's SCHED_IDLE policy. */
export function runsUnderIdlePolicy(): boolean {
  return Number(procStatField('self', POLICY)) === SCHED_IDLE;
}
