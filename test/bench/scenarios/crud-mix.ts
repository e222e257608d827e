import type autocannon from 'autocannon';
import { FHIR_JSON, headerValue, idFromLocation } from '../fhir-http';
import { measure } from '../load';
import { authHeaders, requireTarget, type Scenario } from '../scenario';
import { StepFailures } from '../step-failures';
import { buildBodySets, CRUD_TYPES, fillTemplate, type BodySet, type CrudIds, type CrudType } from './crud-mix-bodies';

/** Per-connection state; autocannon resets it to a fresh copy each time a connection restarts the list. */
interface LoopContext {
  ids: CrudIds;
  variant: number;
}

/** Distinct generated patients the loops rotate through, so the server sees varied names, codes and sizes. */
const VARIANTS = 16;

const READ_HEADERS = { accept: FHIR_JSON };
const WRITE_HEADERS = { accept: FHIR_JSON, 'content-type': FHIR_JSON };

/**
 * Each connection loops over 36 requests: create the nine linked resources (each create's references use
 * the ids from the Location headers of the creates before it), read each, update each with PUT, then
 * delete each, dependents first. Every response must be the success the FHIR spec prescribes; anything
 * else is counted per step. If a create fails, the loop starts over (autocannon counts a reset) rather than
 * send references to nothing.
 */
export const crudMix: Scenario = {
  name: 'crud-mix',
  description: 'create, read, update, delete 9 linked resources per loop',
  needs: ['fhir'],
  connections: 64,
  async run(targets, settings) {
    const base = requireTarget(targets, 'fhir');
    const failures = new StepFailures();
    const requests = crudRequests(new URL(base).pathname, buildBodySets(VARIANTS), failures, authHeaders(targets, 'fhir'));
    const options: autocannon.Options = {
      url: base,
      connections: this.connections,
      requests,
      initialContext: { ids: {}, variant: 0 } satisfies LoopContext,
      timeout: 30,
    };
    const result = await measure(options, settings, () => failures.reset());
    return { result, failuresByStep: failures.byStep(), failureSamples: failures.samples() };
  },
};

type Setup = (request: autocannon.Request, context: LoopContext) => autocannon.Request | undefined;
type OnResponse = (status: number, body: string, context: LoopContext, headers?: Record<string, unknown>) => void;

/** autocannon's types say setupRequest returns a Request; returning nothing is its documented way to restart the list. */
function step(request: autocannon.Request, setup: Setup, onResponse: OnResponse): autocannon.Request {
  return {
    ...request,
    setupRequest: setup as unknown as autocannon.Request['setupRequest'],
    onResponse: onResponse as unknown as autocannon.Request['onResponse'],
  };
}

export function crudRequests(basePath: string, bodies: readonly BodySet[], failures: StepFailures, auth: Record<string, string> = {}): autocannon.Request[] {
  let loops = 0;
  const readHeaders = { ...READ_HEADERS, ...auth };
  const writeHeaders = { ...WRITE_HEADERS, ...auth };
  const acceptOnly = (name: string, accepted: readonly number[]): OnResponse => (status, body) => {
    if (!accepted.includes(status)) failures.record(name, status, body);
  };
  const instancePath = (type: CrudType, ctx: LoopContext) => `${basePath}/${type}/${ctx.ids[type]}`;

  const create = (type: CrudType, index: number) => step(
    { method: 'POST', path: `${basePath}/${type}`, headers: writeHeaders },
    (request, ctx) => {
      if (index === 0) ctx.variant = loops++ % bodies.length;
      const body = fillTemplate(bodies[ctx.variant][type].create, ctx.ids);
      return body === undefined ? undefined : { ...request, body };
    },
    (status, body, ctx, headers) => {
      if (status !== 201) return failures.record(`POST ${type}`, status, body);
      const id = idFromLocation(headerValue(headers, 'location'), type);
      if (id === undefined) return failures.record(`POST ${type}`, status, `Location header: ${headerValue(headers, 'location')}`);
      ctx.ids[type] = id;
    },
  );
  const read = (type: CrudType) => step(
    { method: 'GET', headers: readHeaders },
    (request, ctx) => (ctx.ids[type] === undefined ? undefined : { ...request, path: instancePath(type, ctx) }),
    acceptOnly(`GET ${type}`, [200]),
  );
  const update = (type: CrudType) => step(
    { method: 'PUT', headers: writeHeaders },
    (request, ctx) => {
      const body = fillTemplate(bodies[ctx.variant][type].update, ctx.ids, ctx.ids[type]);
      return body === undefined || ctx.ids[type] === undefined ? undefined : { ...request, path: instancePath(type, ctx), body };
    },
    acceptOnly(`PUT ${type}`, [200]),
  );
  const remove = (type: CrudType) => step(
    { method: 'DELETE', headers: readHeaders },
    (request, ctx) => (ctx.ids[type] === undefined ? undefined : { ...request, path: instancePath(type, ctx) }),
    // https://hl7.org/fhir/R4/http.html#delete: 200 with an OperationOutcome, 202 or 204.
    acceptOnly(`DELETE ${type}`, [200, 202, 204]),
  );

  return [
    ...CRUD_TYPES.map(create),
    ...CRUD_TYPES.map(read),
    ...CRUD_TYPES.map(update),
    ...[...CRUD_TYPES].reverse().map(remove),
  ];
}
