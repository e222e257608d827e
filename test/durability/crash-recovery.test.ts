import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provisionBackendAccess } from '../../smart/provision';
import { freePort } from '../support/free-port';
import { spawnServer } from '../support/server-process';
import { request } from '../support/test-server';
import { drive, newWorkload, type Workload } from './crash-workload';

/**
 * Durability under crashes (issue 7): the server on the embedded store is killed with SIGKILL at random moments
 * while it creates, updates and reads, then restarted; nothing acknowledged may be lost, nothing unacknowledged may
 * be half there, every acknowledged request must have its AuditEvent, and the audit chain and history must hold.
 */
const CRASHES = Number(process.env.CRASHES ?? 20);

describe('crash recovery on the embedded store', () => {
  let dir: string;
  let port: number;
  let token: string;
  let base: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-crash-'));
    port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    base = `${baseUrl}/fhir`;
    token = (await provisionBackendAccess({ dataDir: dir, baseUrl, scope: 'system/*.cruds', lifetimeSeconds: 3600 })).accessToken;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const start = () => spawnServer({ DATA_DIR: dir, BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'info' }, port);

  it(`loses nothing acknowledged across ${CRASHES} SIGKILLs`, async () => {
    const work = newWorkload();
    for (let crash = 1; crash <= CRASHES; crash++) {
      const server = await start();
      let dead = false;
      const killAfter = 150 + Math.random() * 600;
      const killer = new Promise<void>((resolve) =>
        setTimeout(() => {
          dead = true;
          server.child.kill('SIGKILL');
          resolve();
        }, killAfter),
      );
      await Promise.all([drive(base, token, work, () => dead), killer]);
      await server.exited;
    }
    const server = await start();
    try {
      await checkEverything(work);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 900_000);

  async function checkEverything(work: Workload): Promise<void> {
    const auth = { authorization: `Bearer ${token}` };
    const problems: string[] = [];
    expect(work.tracked.size).toBeGreaterThan(CRASHES);
    for (const t of work.tracked.values()) {
      const current = await request(`${base}/${t.type}/${t.id}`, { headers: auth });
      const acked = Math.max(...t.acknowledged.keys());
      const version = Number(current.json?.meta?.versionId);
      const inFlightLanded = t.inFlight !== undefined && version === t.inFlight.version;
      if (version !== acked && !inFlightLanded) problems.push(`${t.type}/${t.id} is at version ${version}, acknowledged ${acked}`);
      const history = await request(`${base}/${t.type}/${t.id}/_history?_count=1000`, { headers: auth });
      const versions = (history.json?.entry ?? []).map((e: any) => Number(e.resource.meta.versionId)).sort((a: number, b: number) => a - b);
      if (JSON.stringify(versions) !== JSON.stringify(Array.from({ length: version }, (_, i) => i + 1))) {
        problems.push(`${t.type}/${t.id} history ${JSON.stringify(versions)} for current version ${version}`);
      }
      for (const entry of history.json?.entry ?? []) {
        const v = Number(entry.resource.meta.versionId);
        const expected = t.acknowledged.get(v) ?? (t.inFlight?.version === v ? t.inFlight.marker : undefined);
        if (entry.resource.identifier[0].value !== expected) problems.push(`${t.type}/${t.id}/_history/${v} holds content nobody sent`);
      }
    }
    // Creates cut off by a kill: either there completely (readable, with history) or not at all.
    for (const marker of work.unacknowledgedCreates) {
      for (const type of ['Patient', 'Observation']) {
        const found = await request(`${base}/${type}?identifier=urn:crash-test|${marker}`, { headers: auth });
        for (const e of found.json?.entry ?? []) {
          const history = await request(`${base}/${type}/${e.resource.id}/_history`, { headers: auth });
          if (history.json?.total !== 1) problems.push(`unacknowledged create ${type}/${e.resource.id} is half there`);
        }
      }
    }
    const audited = await auditedRequestIds(auth);
    const missing = [...work.acknowledgedRequests].filter((id) => !audited.has(id));
    if (missing.length > 0) problems.push(`${missing.length} acknowledged requests have no AuditEvent, e.g. ${missing.slice(0, 3).join(', ')}`);
    const verify = await request(`${base}/AuditEvent/$verify`, { headers: auth });
    const param = (name: string) => verify.json.parameter.find((p: any) => p.name === name);
    if (param('valid').valueBoolean !== true) problems.push(`audit chain broken: ${JSON.stringify(param('break'))}`);
    if (param('pending').valueInteger !== 0) problems.push(`${param('pending').valueInteger} AuditEvents left unchained`);
    const versions = [...work.tracked.values()].reduce((n, t) => n + t.acknowledged.size, 0);
    const inFlight = [...work.tracked.values()].filter((t) => t.inFlight).length;
    console.info(
      `crash harness: ${CRASHES} kills, ${work.tracked.size} resources, ${versions} acknowledged versions, ` +
        `${work.acknowledgedRequests.size} acknowledged requests, ${inFlight} updates and ${work.unacknowledgedCreates.size} creates cut off by kills, ` +
        `${param('checked').valueInteger} chained AuditEvents verified; problems: ${problems.length}`,
    );
    expect(problems).toEqual([]);
  }

  /** Request ids of every AuditEvent (BALP's XrequestId entity), paging through the whole trail. */
  async function auditedRequestIds(auth: Record<string, string>): Promise<Set<string>> {
    const ids = new Set<string>();
    let url: string | undefined = `${base}/AuditEvent?_count=1000`;
    while (url) {
      const page = await request(url, { headers: auth });
      for (const e of page.json.entry ?? []) {
        for (const entity of e.resource.entity ?? []) if (entity.type?.code === 'XrequestId') ids.add(entity.what.identifier.value);
      }
      url = page.json.link?.find((l: any) => l.relation === 'next')?.url;
    }
    return ids;
  }
});
