import express, { type Router } from 'express';
import type { DocumentStore } from '../resources/storage/port';

/** Liveness (the process answers) and readiness (the store answers), for load balancers and orchestrators. */
export function healthRoutes(store: DocumentStore, isShuttingDown: () => boolean): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind });
    } catch (e) {
      res.status(503).json({ status: 'store unavailable', error: (e as Error).message });
    }
  });
  return router;
}
