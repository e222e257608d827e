import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type winston from 'winston';
import type { AuditChain } from '../resources/audit/audit-chainer';
import type { ChainerReply, ChainerRequest } from './audit-chain-messages';
import type { Config } from './config';

const CHAINER_SCRIPT = path.join(__dirname, 'audit-chain-process.js');
/** How long a stopping chainer may take to finish its batch and close the store before it is killed. */
const STOP_TIMEOUT_MS = 30_000;

/** How long after an unexpected exit the chainer's process is started again. */
const RESTART_DELAY_MS = 1_000;

interface Drain {
  resolve: () => void;
  reject: (e: Error) => void;
}

/** One run of the chainer's process: started, answering drains, until it exits. */
interface Running {
  child: ChildProcess;
  exited: Promise<number | null>;
  drains: Map<number, Drain>;
}

/**
 * Runs the AuditEvent chainer in a child process (audit-chain-process.ts): chaining and indexing every event is
 * real work (hashing, extracting search values, index writes, and the garbage all that leaves), and there it runs at
 * the lowest CPU priority, every thread of it, beside request handling instead of within it or against it.
 * If that process dies, it is started again a second later: until then drains fail (the chain pacer reports it and
 * tries again), and every event stays durable, pending, for the next one to chain.
 * Only for the built server (the child runs a compiled .js file); elsewhere the chainer runs in the main thread.
 */
export async function startAuditChainProcess(config: Config, fhirBase: string, logger: winston.Logger): Promise<AuditChain | undefined> {
  if (!__filename.endsWith('.js')) return undefined;
  let stopping = false;
  let nextId = 0;
  let restart: NodeJS.Timeout | undefined;
  // Where it is not installed, spawning it fails and the fallback below starts the chainer without it.
  let chrt = process.platform === 'linux' ? 'chrt' : undefined;

  const run = async (): Promise<Running> => {
    const running: Running = { ...(await startChainer(config, fhirBase, logger, chrt)), drains: new Map() };
    running.child.on('message', (reply: ChainerReply) => {
      if (reply.type !== 'drained') return;
      const waiter = running.drains.get(reply.id);
      running.drains.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error));
      else waiter?.resolve();
    });
    running.child.on('error', (e) => logger.error('audit chainer process failed', { error: String(e) }));
    void running.exited.then((code) => {
      for (const waiter of running.drains.values()) waiter.reject(new Error(`the audit chainer process exited (${code})`));
      running.drains.clear();
      if (stopping) return;
      logger.error('audit chainer process exited; starting it again', { code, inMs: RESTART_DELAY_MS });
      scheduleRestart();
    });
    return running;
  };
  const scheduleRestart = () => {
    restart = setTimeout(() => {
      if (stopping) return;
      run().then(
        (next) => {
          current = next;
          // Stopped while it was starting: it stops too, on its own.
          if (stopping) tell(next.child, { type: 'stop' });
        },
        (e: unknown) => {
          logger.error('audit chainer process did not start; trying again', { error: String(e), inMs: RESTART_DELAY_MS });
          scheduleRestart();
        },
      );
    }, RESTART_DELAY_MS);
  };

  let current = await run().catch((e: unknown) => {
    if (!chrt) throw e;
    // Not installed, or a sandbox refuses the policy change (chrt then exits at once): run it at nice 19 alone
    // rather than not at all.
    logger.warn('audit chainer did not start under SCHED_IDLE; starting it without', { error: String(e) });
    chrt = undefined;
    return run();
  });
  return {
    notify() {
      if (current.child.connected) tell(current.child, { type: 'notify' });
    },
    drain() {
      const { child, drains } = current;
      if (!child.connected) return Promise.reject(new Error('the audit chainer process is not running'));
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        drains.set(id, { resolve, reject });
        tell(child, { type: 'drain', id });
      });
    },
    async stop() {
      stopping = true;
      clearTimeout(restart);
      if (current.child.connected) tell(current.child, { type: 'stop' });
      await stopWithin(current.child, current.exited, STOP_TIMEOUT_MS);
    },
  };
}

/** Starts the process and waits for it to open the store and say it is ready. */
async function startChainer(config: Config, fhirBase: string, logger: winston.Logger, chrt: string | undefined): Promise<Omit<Running, 'drains'>> {
  const child = startChainerProcess(chrt);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // `on`, not `once`: a command that cannot be started emits one error for the spawn and another for the message sent.
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`the audit chainer process exited while starting (${code})`)));
    const onReply = (reply: ChainerReply) => {
      if (reply.type === 'ready') {
        child.off('message', onReply);
        // Both false off Linux, or where setpriority is refused and chrt missing: chaining then competes with requests as an equal.
        logger.info('audit chainer started', { pid: child.pid, lowestCpuPriority: reply.lowered, idleScheduling: reply.idlePolicy });
        resolve();
      }
      if (reply.type === 'failed') reject(new Error(reply.error));
    };
    child.on('message', onReply);
    tell(child, { type: 'start', config, fhirBase });
  });
  return { child, exited };
}

/**
 * Starts the chainer's process under Linux's SCHED_IDLE policy through util-linux's `chrt`, when given (Debian and
 * most distributions install it): a thread under it runs only when no other wants the CPU, and gives the CPU up the
 * moment one does (sched(7)), where a thread at nice 19 may keep it for the rest of its time slice. Every thread the
 * process starts inherits the policy. Measured under the read benchmark, alternating windows of audited and
 * unaudited reads: the request thread waited for a CPU 5-8% of the time with the chainer under SCHED_IDLE, 8-11%
 * with it at nice 19 only. Without `chrt`, the process still lowers its threads to nice 19 (audit-chain-process.ts).
 *
 * Its own output goes where the server's does; the IPC channel carries the messages (and the configuration, which
 * holds secrets, so it is not passed on the command line).
 */
function startChainerProcess(chrt: string | undefined): ChildProcess {
  // The server's Node options (memory limits, ...) apply to it too, except the debugger's: a second inspector on the
  // same port fails, and with --inspect-brk the chainer would wait for a debugger before starting.
  const options = process.execArgv.filter((option) => !/^--(inspect|debug)/.test(option));
  const node = [process.execPath, ...options, CHAINER_SCRIPT];
  const [command, ...args] = chrt ? [chrt, '--idle', '0', ...node] : node;
  return spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

async function stopWithin(child: ChildProcess, exited: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** Sends the chainer's process one of the messages it takes. */
function tell(child: ChildProcess, message: ChainerRequest): void {
  child.send(message);
}
