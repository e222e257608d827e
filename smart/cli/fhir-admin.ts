#!/usr/bin/env node
import fs from 'node:fs';
import { fhirBaseUrl, loadConfig, type Config } from '../../server/config';
import { v7 as timeOrderedId } from 'uuid';
import { AuditTrail } from '../../resources/audit/audit-trail';
import { authAuditSink } from '../../server/auth-audit';
import { openStore } from '../../server/open-store';
import { Admin } from '../admin/admin';
import type { AuthEventSink } from '../auth-event';
import { ensureAuthIndexes } from '../store/auth-collections';
import { parseCliArgs, type CliArgs } from './cli-args';
import { runCommand, type CliIo } from './commands';
import { USAGE } from './usage';

/**
 * `fhir-admin`: the administration CLI (the package's `bin`). It opens the same store as the server (DATA_DIR or
 * MONGODB_URI, so run it with the server's environment) and does its work through the same code as the server.
 * `onAuthEvent` receives the same auth events the server reports (user-added, client-removed, ...).
 */
export async function main(argv: readonly string[], io: CliIo, env: Record<string, string | undefined> = process.env, onAuthEvent?: AuthEventSink): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command.length === 0 || args.options.help || args.command[0] === 'help') {
    io.out(USAGE);
    return 0;
  }
  const config: Config = loadConfig({ LOG_LEVEL: 'error', ...env });
  const store = await openStore(config);
  try {
    await ensureAuthIndexes(store);
    // What the CLI changes is audited like the server's own administration: same trail, chained by the server.
    const fhirBase = fhirBaseUrl(config);
    const trail = config.auditDisabledForBenchmark
      ? undefined
      : new AuditTrail({ server: { fhirBase, name: 'fhir-admin' }, clock: Date.now, newId: () => timeOrderedId() });
    const sink = onAuthEvent ?? authAuditSink(trail, store, config.baseUrl);
    const admin = new Admin({ store, fhirBase, totpIssuer: `FHIR server (${new URL(config.baseUrl).host})`, onAuthEvent: sink });
    return await runCommand(admin, args, io);
  } catch (e) {
    io.err(`fhir-admin: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The first line of stdin: pipe the password in (`printf '%s\n' "$PW" | fhir-admin user add ...`). */
function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    if (process.stdin.isTTY) process.stderr.write('Password (typed input is visible; prefer piping it in): ');
    let data = '';
    const done = () => {
      process.stdin.pause();
      resolve(data.split(/\r?\n/)[0]);
    };
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      data += chunk;
      if (data.includes('\n')) done();
    });
    process.stdin.on('end', done);
    process.stdin.on('error', reject);
  });
}

if (require.main === module) {
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), readPassword: readStdin, readFile: (p) => fs.readFileSync(p, 'utf8') };
  main(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`fhir-admin: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
