import { loadConfig } from './config';
import { startServer } from './start';

/** `npm start`: serve FHIR and the authorization server until SIGTERM or SIGINT, then stop cleanly. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, { warmUp: true });
  const { logger } = server.app;
  // Before saying it listens: whoever waits for that line (a supervisor, a test) may signal it at once.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info('shutting down', { signal });
      server.close().then(
        () => process.exit(0),
        (e: unknown) => {
          logger.error('shutdown failed', { error: String(e) });
          process.exit(1);
        },
      );
    });
  }
  logger.info('listening', { url: server.url, fhirBase: server.fhirBase, store: server.app.store.kind });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
