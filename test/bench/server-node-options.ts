import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/project-root';

/**
 * The Node options `npm start` runs the server with: those between `node` and the entry in package.json's start
 * script (written out there, not through an npm variable, so the script runs the same under every shell npm uses).
 * The benchmark starts its servers with them, so they run as a started server does. What the ones there now cost and
 * save: the README's Configuration and Benchmarks sections.
 */
export function serverNodeOptions(root: string = projectRoot(__dirname)): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> };
  const start = manifest.scripts?.start;
  const words = typeof start === 'string' ? start.trim().split(/\s+/) : [];
  const options = words.slice(1, -1);
  if (words[0] !== 'node' || words.length < 2 || !options.every((option) => option.startsWith('--'))) {
    throw new Error(`package.json's start script must be 'node [--option ...] <entry>', got ${JSON.stringify(start)}`);
  }
  return options;
}
