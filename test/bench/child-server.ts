import { spawn, type ChildProcess } from 'node:child_process';
import { onCleanup } from './cleanup';
import { serverNodeOptions } from './server-node-options';

/**
 * A server running in its own process, so it has a core to itself while the load generator uses the other. It runs
 * with the Node options `npm start` gives the server (server-node-options.ts).
 */
export interface ChildServer {
  name: string;
  url: string;
  /** `Authorization` header value its requests need, when it is a FHIR server. */
  authorization?: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Root URL of the server; `readyPath` below it answers 200 once the server can take traffic. */
  url: string;
  readyPath: string;
  readyTimeoutMs?: number;
  /**
   * Opens an IPC channel, which a child of ours watches to exit when the benchmark dies without cleaning up.
   * Off for the FHIR server: an open channel would keep its event loop alive after SIGTERM.
   */
  ipc?: boolean;
}

const OUTPUT_TAIL_LINES = 40;
const STOP_GRACE_MS = 10_000;

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, [...serverNodeOptions(), options.entry], {
    env: options.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter((l) => l.trim() !== '')) {
      tail.push(line);
      if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
      process.stderr.write(`[${options.name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const forget = onCleanup(`stop ${options.name}`, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  try {
    await waitUntilReady(child, `${options.url}${options.readyPath}`, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    forget();
    throw new Error(`${options.name} did not become ready: ${(error as Error).message}\n${tail.join('\n')}`);
  }
  return {
    name: options.name,
    url: options.url,
    pid: child.pid as number,
    async stop() {
      await stopChild(child);
      forget();
    },
  };
}

async function waitUntilReady(child: ChildProcess, readyUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `GET ${readyUrl} answered ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms (${lastProblem})`);
}

/** SIGTERM lets the server drain and close its store; SIGKILL follows if it does not exit in time. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
