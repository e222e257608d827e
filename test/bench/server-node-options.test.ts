import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/project-root';
import { freePort } from '../support/free-port';
import { startChildServer } from './child-server';
import { serverNodeOptions } from './server-node-options';

const root = projectRoot(__dirname);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function packageStarting(start: unknown): string {
  const dir = tempDir('node-options-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts: { start } }));
  return dir;
}

describe('serverNodeOptions', () => {
  it('are the options `npm start` passes to node, and node accepts them', () => {
    const options = serverNodeOptions();
    expect(options).toContain('--max-semi-space-size=64');
    expect(manifest.scripts.start).toBe(`node ${options.join(' ')} dist/server/main.js`);
    const run = spawnSync(process.execPath, [...options, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('are the words between node and the entry, none for a plain start script, and refused for any other script', () => {
    expect(serverNodeOptions(packageStarting(' node --a=1   --b main.js '))).toEqual(['--a=1', '--b']);
    expect(serverNodeOptions(packageStarting('node main.js'))).toEqual([]);
    for (const start of [undefined, 'tsx main.ts', 'node', 'node --a main.js extra.js', 'NODE_ENV=x node main.js']) {
      expect(() => serverNodeOptions(packageStarting(start))).toThrow(/start script must be 'node \[--option \.\.\.\] <entry>'/);
    }
  });

  it('are the options the benchmark starts its servers with', async () => {
    const dir = tempDir('child-server-');
    const entry = path.join(dir, 'server.js');
    fs.writeFileSync(
      entry,
      "require('node:http').createServer((_, res) => res.end(JSON.stringify(process.execArgv))).listen(Number(process.env.PORT), '127.0.0.1');",
    );
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startChildServer({ name: 'options', entry, url, readyPath: '/', env: { ...process.env, PORT: String(port) } });
    try {
      expect(await (await fetch(url)).json()).toEqual(serverNodeOptions());
    } finally {
      await server.stop();
    }
  });
});
