import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/project-root';

/**
 * The Node options `npm start` runs the server with (package.json `config.nodeOptions`, which the start script passes
 * to node), so the servers the benchmark starts run as a started server does. The one there now sizes V8's young
 * generation: see the README's Configuration and Benchmarks sections for what it costs and what it saves.
 */
export function serverNodeOptions(root: string = projectRoot(__dirname)): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { config?: { nodeOptions?: unknown } };
  const options = manifest.config?.nodeOptions;
  if (options === undefined) return [];
  if (typeof options !== 'string') throw new Error(`package.json config.nodeOptions must be a string, got ${JSON.stringify(options)}`);
  return options.split(/\s+/).filter((option) => option !== '');
}
