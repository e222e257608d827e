import { v7 as timeOrderedId } from 'uuid';
import express, { type Express } from 'express';
import type winston from 'winston';
import { AuditChainer, type AuditChain } from '../resources/audit/audit-chainer';
import { purgeExpiredAudit } from '../resources/audit/audit-retention';
import { ChainPacer } from '../resources/audit/chain-pacer';
import { AuditTrail } from '../resources/audit/audit-trail';
import { Auditor } from '../resources/audit/auditor';
import { ACCESS_REPORT } from '../resources/operations/access-report';
import { EVERYTHING } from '../resources/operations/everything';
import { VERIFY_AUDIT_CHAIN } from '../resources/operations/verify-audit-chain';
import { Repository } from '../resources/repository/repository';
import { createResourceIndexer } from '../resources/search/indexing';
import { createSearchEngine, supportedSearchParams } from '../resources/search/query';
import type { DocumentStore } from '../resources/storage/port';
import { createResourceValidator } from '../profiles/validation';
import type { AuthEventSink } from '../smart/auth-event';
import { createSmartServer } from '../smart/smart-server';
import { fhirBaseUrl, FHIR_PATH, type Config } from './config';
import { authAuditSink } from './auth-audit';
import { startAuditChainProcess } from './process-audit-chain';
import { buildCapabilityStatement } from './fhir/capability';
import { fhirRouter } from './fhir/fhir-router';
import { FHIR_ROUTES } from './fhir/route-table';
import { healthRoutes } from './health';
import { errorHandler } from './http/error-handler';
import { requestId } from './http/request-id';
import { requestLog } from './http/request-log';
import { createLogger } from './logger';
import { openAuditJournal, openStore } from './open-store';
import { startStoreWriter } from './store-writer';

export interface App {
  app: Express;
  config: Config;
  store: DocumentStore;
  repository: Repository;
  logger: winston.Logger;
  audit: { chainer: AuditChain };
  /** Marks the app as stopping (readiness fails), chains pending AuditEvents and closes the store. */
  close(): Promise<void>;
}

/**
 * Builds one server from its configuration, with no module-level state: tests start as many as they like.
 */
export async function createApp(config: Config, options: { warmUp?: boolean; onAuthEvent?: AuthEventSink } = {}): Promise<App> {
  const logger = createLogger(config.logLevel);
  const writer = await startStoreWriter(config, logger);
  const store = await openStore(config, { commitElsewhere: writer?.commit });
  const fhirBase = fhirBaseUrl(config);
  const indexer = createResourceIndexer({ fhirBase });
  const engine = createSearchEngine({ store, fhirBase, defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize });
  const validator = createResourceValidator();
  // Production compiles every type's validator up front (about 2 s) so no request pays for it; tests skip it.
  if (options.warmUp) validator.warmUp();
  // Server-assigned ids are UUIDv7: time-ordered, so new documents, history entries and index entries of
  // low-cardinality values append at the end of their B-trees instead of dirtying pages all over them.
  const newId = () => timeOrderedId();
  // The chainer is reached through `chain`, which exists once the store is prepared (the chainer's process needs its indexes).
  let chain: AuditChain | undefined;
  const journal = openAuditJournal(config);
  const auditChain: AuditChain = { notify: () => chain?.notify(), drain: async () => chain?.drain(), stop: async () => chain?.stop() };
  const pacer = new ChainPacer({
    drain: () => auditChain.drain(),
    clock: Date.now,
    maxLagMs: config.auditChainMaxLagSeconds * 1000,
    onError: (e) => logger.error('audit chaining failed', { error: String(e) }),
  });
  const audit = config.auditDisabledForBenchmark
    ? undefined
    : new AuditTrail({ server: { fhirBase, name: 'fhir-r4-server' }, clock: Date.now, newId, journal, pacer });
  const auditor = new Auditor(audit, store, Date.now);
  const repository = new Repository({ store, validator, indexer, engine, clock: Date.now, newId, auditor, audit, auditChain });
  await repository.prepareStore();
  chain = (await startAuditChainProcess(config, fhirBase, logger)) ?? new AuditChainer(store, indexer, journal);
  const chainer = auditChain;
  // Events recorded just before a crash were stored but maybe not chained yet: chain them now.
  chainer.notify();
  const retention = scheduleRetention(store, config.auditRetentionDays, logger);

  // --- SMART authorization server (smart/): OAuth endpoints and sign-in pages, mounted before the FHIR router;
  // it authenticates every FHIR request and adds its security section to /metadata. onAuthEvent: audit hook.
  const onAuthEvent = options.onAuthEvent ?? authAuditSink(audit, store, config.baseUrl);
  const smart = await createSmartServer({ config, store, repository, logger, onAuthEvent });
  // --- end SMART ---

  let stopping = false;
  const capability = buildCapabilityStatement({
    fhirBase,
    routes: FHIR_ROUTES,
    searchParamsOf: supportedSearchParams,
    operations: [VERIFY_AUDIT_CHAIN, ACCESS_REPORT, EVERYTHING],
    extend: smart.extendCapability,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId);
  app.use(requestLog(logger));
  app.use(healthRoutes(store, () => stopping));
  app.use(smart.router);
  app.use(
    FHIR_PATH,
    fhirRouter({
      routes: FHIR_ROUTES,
      services: { repository, config, capabilityStatement: () => capability },
      authenticate: smart.authenticate,
      fhirBase,
      bodyLimitBytes: config.bodyLimitBytes,
    }),
  );
  app.use(errorHandler(logger));

  return {
    app,
    config,
    store,
    repository,
    logger,
    audit: { chainer },
    close: async () => {
      stopping = true;
      clearInterval(retention);
      smart.close();
      pacer.stop();
      await chainer.drain().catch((e: unknown) => logger.error('audit chaining failed at shutdown', { error: String(e) }));
      await chainer.stop();
      await journal?.close();
      await store.close();
      await writer?.stop();
    },
  };
}

/** Purges AuditEvents past the retention period at start-up and daily after. */
function scheduleRetention(store: DocumentStore, days: number, logger: winston.Logger): NodeJS.Timeout {
  const run = () =>
    purgeExpiredAudit(store, days, Date.now()).then(
      (removed) => removed > 0 && logger.info('audit retention purge', { removed, retentionDays: days }),
      (e: unknown) => logger.error('audit retention purge failed', { error: String(e) }),
    );
  void run();
  const timer = setInterval(run, 86_400_000);
  timer.unref();
  return timer;
}
