import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provisionBackendAccess } from '../../smart/provision';
import { freePort } from '../support/free-port';
import { chainerPids, logged, spawnServer, type ServerProcess } from '../support/server-process';
import { request } from '../support/test-server';

const patient = { resourceType: 'Patient', name: [{ family: 'Secret-Family-Name' }] };

describe('the server process', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-process-'));
    token = '';
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  let token = '';
  let port = 0;

  /** The server keeps its port across restarts, so the provisioned token's audience stays valid. */
  async function start(): Promise<ServerProcess> {
    if (!token) {
      port = await freePort();
      token = (await provisionBackendAccess({ dataDir: dir, baseUrl: `http://127.0.0.1:${port}`, scope: 'system/*.cruds' })).accessToken;
    }
    return spawnServer({ DATA_DIR: dir, BASE_URL: `http://127.0.0.1:${port}` }, port);
  }

  const authorized = (init: Parameters<typeof request>[1] = {}) => ({ ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

  it('logs one JSON line per request with method, path, status, duration and request id, and no bodies', async () => {
    const server = await start();
    try {
      const res = await request(`${server.url}/fhir/Patient`, authorized({ body: patient, headers: { 'x-request-id': 'trace-abc-123' } }));
      expect(res.status).toBe(201);
      expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
      const generated = await request(`${server.url}/fhir/metadata`);
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((r) => setTimeout(r, 200));
      const line = logged(server, 'request').find((e) => e.requestId === 'trace-abc-123');
      expect(line).toEqual(expect.objectContaining({ message: 'request', method: 'POST', path: '/fhir/Patient', status: 201, durationMs: expect.any(Number) }));
      expect(server.lines.join('\n')).not.toContain('Secret-Family-Name');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('answers /healthz and /readyz', async () => {
    const server = await start();
    try {
      expect((await request(`${server.url}/healthz`)).json).toEqual({ status: 'ok' });
      expect((await request(`${server.url}/readyz`)).json).toEqual({ status: 'ready', store: 'embedded' });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  // proc(5): fields 19 and 41 of /proc/<pid>/task/<tid>/stat are a thread's nice value and scheduling policy
  // (SCHED_IDLE is 5); Linux only.
  const linuxOnly = process.platform === 'linux' ? it : it.skip;
  const threadsOf = (pid: number) =>
    fs.readdirSync(`/proc/${pid}/task`).map((task) => {
      const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { nice: Number(fields[16]), policy: Number(fields[38]) };
    });
  const parentOf = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  const hasChrt = (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'chrt')));

  linuxOnly('runs the audit chainer in a child process, every thread of it at the lowest CPU priority, and the server at normal priority', async () => {
    const server = await start();
    try {
      expect(logged(server, 'audit chainer started')).toEqual([expect.objectContaining({ lowestCpuPriority: true, idleScheduling: hasChrt })]);
      const [pid] = chainerPids(server);
      expect(parentOf(pid)).toBe(server.child.pid);
      const chainer = threadsOf(pid);
      expect(chainer.length).toBeGreaterThan(1);
      expect(chainer.every((t) => t.nice === 19 && t.policy === (hasChrt ? 5 : 0))).toBe(true);
      expect(threadsOf(server.child.pid!).every((t) => t.nice === 0 && t.policy === 0)).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  // A sandbox may refuse the policy change (a `chrt` that exits at once with an error), or `chrt` may not be
  // installed (a PATH holding neither it nor anything else: the server runs Node by its full path). Linux only.
  const refusingChrt = (bin: string) =>
    fs.writeFileSync(path.join(bin, 'chrt'), "#!/bin/sh\necho \"chrt: failed to set pid 0's policy: Operation not permitted\" >&2\nexit 1\n", { mode: 0o755 });
  (process.platform === 'linux' ? it.each : it.skip.each)([
    ['refuses SCHED_IDLE', (bin: string) => `${bin}${path.delimiter}${process.env.PATH}`, refusingChrt],
    ['is not installed', (bin: string) => bin, () => undefined],
  ])('starts the audit chainer at nice 19 alone when chrt %s', async (_case, pathWith, prepare) => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    prepare(bin);
    port = await freePort();
    token = (await provisionBackendAccess({ dataDir: dir, baseUrl: `http://127.0.0.1:${port}`, scope: 'system/*.cruds' })).accessToken;
    const server = await spawnServer({ DATA_DIR: dir, BASE_URL: `http://127.0.0.1:${port}`, PATH: pathWith(bin) }, port);
    try {
      expect(logged(server, 'audit chainer started')).toEqual([expect.objectContaining({ lowestCpuPriority: true, idleScheduling: false })]);
      expect(threadsOf(chainerPids(server)[0]).every((t) => t.nice === 19 && t.policy === 0)).toBe(true);
      expect(logged(server, 'audit chainer did not start under SCHED_IDLE; starting it without')).toHaveLength(1);
      expect((await request(`${server.url}/fhir/AuditEvent?_count=1`, authorized())).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('starts the audit chainer again when its process dies, and chains what was recorded meanwhile', async () => {
    const server = await start();
    try {
      const id = (await request(`${server.url}/fhir/Patient`, authorized({ body: patient }))).json.id as string;
      const [first] = chainerPids(server);
      process.kill(first, 'SIGKILL');
      // Read while the chainer is down: answered, its AuditEvent durable in the journal.
      expect((await request(`${server.url}/fhir/Patient/${id}`, authorized())).status).toBe(200);
      for (let waited = 0; chainerPids(server).length < 2 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      const [, second] = chainerPids(server);
      expect(second).toEqual(expect.any(Number));
      expect(second).not.toBe(first);
      const events = await request(`${server.url}/fhir/AuditEvent?entity=Patient/${id}&subtype=read`, authorized());
      expect(events.status).toBe(200);
      expect(events.json.entry).toHaveLength(1);
      const verified = await request(`${server.url}/fhir/AuditEvent/$verify`, authorized());
      expect(verified.status).toBe(200);
      expect(server.lines.join('\n')).toContain('audit chainer process exited; starting it again');
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('on Ctrl-C (SIGINT to the server and its audit chainer) stops both cleanly, the chainer last', async () => {
    const server = await start();
    const [chainer] = chainerPids(server);
    const chainerExited = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        try {
          process.kill(chainer, 0);
        } catch {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    process.kill(chainer, 'SIGINT');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    await chainerExited;
    expect(server.lines.join('\n')).not.toContain('audit chainer process exited');
  });

  it('on SIGTERM stops accepting, finishes the request in flight, closes the store and exits 0', async () => {
    const server = await start();
    const bundle = Array.from({ length: 200 }, (_, i) => ({ ...patient, name: [{ family: `F${i}` }] }));
    const inFlight = Promise.allSettled(bundle.map((p) => request(`${server.url}/fhir/Patient`, authorized({ body: p }))));
    await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGTERM');
    const results = await inFlight;
    expect(await server.exited).toBe(0);
    // Every request the server accepted got a complete answer; whatever was acknowledged is there after a restart.
    const answered = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((r) => r.status === 201)).toBe(true);
    const acknowledged = answered.map((r) => r.json.id as string);
    const again = await start();
    try {
      for (const id of acknowledged) expect((await request(`${again.url}/fhir/Patient/${id}`, authorized())).status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('starts its store writer thread: transactions large and small are readable at once, a failed one leaves nothing, and racing conditional creates make one resource', async () => {
    const server = await start();
    const system = 'http://hospital.example/mrn';
    const patientEntry = (mrn: string, conditional = true) => ({
      fullUrl: 'urn:uuid:0d6c2f6e-8a4b-4c1e-9f1d-2a9b7e3c5d11',
      resource: { resourceType: 'Patient', identifier: [{ system, value: mrn }] },
      request: { method: 'POST', url: 'Patient', ...(conditional ? { ifNoneExist: `identifier=${system}|${mrn}` } : {}) },
    });
    const observationEntry = (status: string) => ({
      resource: { resourceType: 'Observation', status, code: { text: 'Hb' }, subject: { reference: 'urn:uuid:0d6c2f6e-8a4b-4c1e-9f1d-2a9b7e3c5d11' } },
      request: { method: 'POST', url: 'Observation' },
    });
    const transaction = (...entry: object[]) => authorized({ body: { resourceType: 'Bundle', type: 'transaction', entry } });
    try {
      expect(logged(server, 'store writer started')).toEqual([expect.objectContaining({ threadId: expect.any(Number) })]);

      const sent = await request(`${server.url}/fhir`, transaction(patientEntry('writer-1'), observationEntry('final')));
      expect(sent.status).toBe(200);
      const [patientAt, observationAt] = (sent.json.entry as { response: { location: string } }[]).map((e) => e.response.location.split('/_history')[0]);
      expect((await request(`${server.url}/fhir/${observationAt}`, authorized())).json.subject).toEqual({ reference: patientAt });
      expect((await request(`${server.url}/fhir/Observation?subject=${patientAt}`, authorized())).json.entry).toHaveLength(1);

      // A lab feed's Bundle, large enough to be committed by the writer thread (MIN_WRITES_FOR_WRITER_THREAD).
      const labs = Array.from({ length: 60 }, () => ({ ...observationEntry('final'), resource: { ...observationEntry('final').resource, code: { text: 'K' }, subject: { reference: patientAt } } }));
      const large = await request(`${server.url}/fhir`, transaction(...labs));
      expect(large.status).toBe(200);
      expect((await request(`${server.url}/fhir/Observation?code:text=K&_summary=count`, authorized())).json.total).toBe(60);

      // A new Patient and a valid Observation, then an invalid one: none of it is written.
      const refused = await request(`${server.url}/fhir`, transaction(patientEntry('writer-2', false), observationEntry('final'), ...labs, observationEntry('not-a-status')));
      expect(refused.status).toBe(400);
      expect((await request(`${server.url}/fhir/Observation?code:text=K&_summary=count`, authorized())).json.total).toBe(60);
      expect((await request(`${server.url}/fhir/Observation?code:text=Hb`, authorized())).json.entry).toHaveLength(1);
      expect((await request(`${server.url}/fhir/Patient?identifier=${system}|writer-2`, authorized())).json.entry ?? []).toEqual([]);

      const racing = await Promise.all(Array.from({ length: 6 }, () => request(`${server.url}/fhir`, transaction(patientEntry('raced')))));
      expect(racing.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect((await request(`${server.url}/fhir/Patient?identifier=${system}|raced`, authorized())).json.entry).toHaveLength(1);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('an acknowledged write survives kill -9', async () => {
    const server = await start();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await request(`${server.url}/fhir/Patient`, authorized({ body: patient }))).json.id);
    server.child.kill('SIGKILL');
    await server.exited;
    const again = await start();
    try {
      for (const id of ids) expect((await request(`${again.url}/fhir/Patient/${id}`, authorized())).status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});
