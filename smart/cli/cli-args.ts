import { parseArgs } from 'node:util';

/** Options every command may take, typed for node:util parseArgs. */
const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  scope: { type: 'string', multiple: true },
  'launch-url': { type: 'string' },
  'jwks-file': { type: 'string' },
  'jwks-url': { type: 'string' },
  grant: { type: 'string', multiple: true },
  username: { type: 'string' },
  role: { type: 'string', multiple: true },
  'fhir-user': { type: 'string' },
  jti: { type: 'string' },
  user: { type: 'string' },
  client: { type: 'string' },
  patient: { type: 'string' },
  encounter: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliArgs {
  command: string[];
  options: Partial<Record<keyof typeof OPTIONS, string | string[] | boolean>>;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  return { command: positionals, options: values as CliArgs['options'] };
}

export function stringOption(args: CliArgs, name: keyof typeof OPTIONS, required = false): string | undefined {
  const value = args.options[name];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (required) throw new Error(`--${name} is required`);
  return undefined;
}

/** Repeated options, each of which may also hold several space-separated values (`--scope "a b"`). */
export function listOption(args: CliArgs, name: keyof typeof OPTIONS, split = false): string[] {
  const value = args.options[name];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return split ? list.flatMap((v) => v.split(/\s+/)).filter((v) => v !== '') : list;
}
