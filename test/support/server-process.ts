import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/project-root';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every stdout line so far (the server logs JSON lines). */
  lines: string[];
  exited: Promise<number | null>;
}

const MAIN = path.join(projectRoot(), 'dist', 'server', 'main.js');

/**
 * Runs the built server (`npm run build` first; `npm test` does) as a separate process, as `npm start` would,
 * and resolves once it logs that it listens.
 */
export async function spawnServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build`);
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${lines.join('\n')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"listening"')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    exited.then((code) => reject(new Error(`server exited with ${code}: ${lines.join('\n')}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, lines, exited };
}

/** The JSON log lines the server has written so far with this message. */
export function logged(server: ServerProcess, message: string): Record<string, unknown>[] {
  return server.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.message === message);
}

/** The process ids of the audit chainers the server has started, as it logged them. */
export function chainerPids(server: ServerProcess): number[] {
  return logged(server, 'audit chainer started').map((e) => e.pid as number);
}
