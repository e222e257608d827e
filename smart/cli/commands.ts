import { ROLE_CATALOGUE } from '../roles/role-catalogue';
import { parseRoleAssignment } from '../roles/role-assignment';
import type { Admin } from '../admin/admin';
import type { ClientKind, GrantType } from '../clients/client-record';
import { listOption, stringOption, type CliArgs } from './cli-args';
import { USAGE } from './usage';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The new user's password, from stdin. */
  readPassword(): Promise<string>;
  readFile(path: string): string;
}

const KINDS: Record<string, ClientKind> = { public: 'public', symmetric: 'confidential-symmetric', asymmetric: 'confidential-asymmetric' };

type Command = (admin: Admin, args: CliArgs, io: CliIo) => Promise<number>;

/** The command table: `<noun> <verb>` → what it does. */
const COMMANDS: Record<string, Command> = {
  'client add': addClient,
  'client remove': async (admin, args, io) => report(io, await admin.removeClient(stringOption(args, 'id', true)!), 'client removed; its tokens are revoked', 'no such client'),
  'client list': async (admin, _args, io) => {
    for (const c of await admin.registry.list()) io.out(`${c._id}\t${c.kind}\t${c.name}\t${c.scopes.join(' ')}\n`);
    return 0;
  },
  'user add': addUser,
  'user disable': async (admin, args, io) => report(io, (await admin.disableUser(stringOption(args, 'username', true)!)) !== undefined, 'user disabled; their tokens are revoked', 'no such user'),
  'user list': async (admin, _args, io) => {
    for (const u of await admin.users.list()) {
      const roles = u.roles.map((r) => r.role + (r.notBefore || r.notAfter ? `@${iso(r.notBefore)}/${iso(r.notAfter)}` : '')).join(',');
      io.out(`${u.username}\t${u.disabled ? 'disabled' : 'active'}\t${roles}\t${u.fhirUser ?? ''}\n`);
    }
    return 0;
  },
  'token revoke': async (admin, args, io) => {
    const target = { jti: stringOption(args, 'jti'), username: stringOption(args, 'user'), clientId: stringOption(args, 'client') };
    if (!target.jti && !target.username && !target.clientId) throw new Error('name what to revoke: --jti, --user or --client');
    io.out(`revoked ${await admin.revoke(target)} access token(s) and the matching refresh tokens\n`);
    return 0;
  },
  launch: async (admin, args, io) => {
    const patient = stringOption(args, 'patient', true);
    const launch = await admin.launch(stringOption(args, 'client', true)!, { patient, encounter: stringOption(args, 'encounter') });
    if (!launch.url) throw new Error(`the client has no launch URL (add it with --launch-url); launch id: ${launch.id}`);
    io.out(`${launch.url}\n`);
    return 0;
  },
  roles: async (_admin, _args, io) => {
    for (const [name, role] of Object.entries(ROLE_CATALOGUE)) io.out(`${name}\t${role.description}\n`);
    return 0;
  },
};

export async function runCommand(admin: Admin, args: CliArgs, io: CliIo): Promise<number> {
  const [noun, verb] = args.command;
  const command = COMMANDS[`${noun} ${verb}`] ?? (verb === undefined ? COMMANDS[noun] : undefined);
  if (!command) {
    io.err(`unknown command '${args.command.join(' ')}'\n\n${USAGE}`);
    return 2;
  }
  return command(admin, args, io);
}

async function addClient(admin: Admin, args: CliArgs, io: CliIo): Promise<number> {
  const kind = KINDS[stringOption(args, 'kind', true)!];
  if (!kind) throw new Error('--kind must be public, symmetric or asymmetric');
  const jwksFile = stringOption(args, 'jwks-file');
  const grants = listOption(args, 'grant');
  const { client, secret } = await admin.addClient({
    id: stringOption(args, 'id'),
    name: stringOption(args, 'name', true)!,
    kind,
    redirectUris: listOption(args, 'redirect-uri'),
    scopes: listOption(args, 'scope', true),
    grantTypes: grants.length > 0 ? (grants as GrantType[]) : undefined,
    launchUrl: stringOption(args, 'launch-url'),
    jwks: jwksFile ? JSON.parse(io.readFile(jwksFile)) : undefined,
    jwksUri: stringOption(args, 'jwks-url'),
    source: 'cli',
  });
  io.out(`client_id: ${client._id}\n`);
  if (secret) io.out(`client_secret: ${secret}\n(shown once: it is stored only as a hash)\n`);
  io.out(`grants: ${client.grantTypes.join(' ')}\n`);
  return 0;
}

async function addUser(admin: Admin, args: CliArgs, io: CliIo): Promise<number> {
  const roles = listOption(args, 'role').map(parseRoleAssignment);
  const password = await io.readPassword();
  const { user, totpSecret, otpauthUri } = await admin.addUser({ username: stringOption(args, 'username', true)!, password, roles, fhirUser: stringOption(args, 'fhir-user') });
  io.out(`user: ${user.username} (${user._id})\n`);
  io.out(`totp secret: ${totpSecret}\n`);
  io.out(`otpauth uri: ${otpauthUri}\n`);
  return 0;
}

function report(io: CliIo, ok: boolean, success: string, failure: string): number {
  if (ok) io.out(`${success}\n`);
  else io.err(`${failure}\n`);
  return ok ? 0 : 1;
}

function iso(seconds: number | undefined): string {
  return seconds === undefined ? '' : new Date(seconds * 1000).toISOString();
}
