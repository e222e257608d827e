import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app';
import type { AuthEventSink } from '../smart/auth-event';
import { fhirBaseUrl, type Config } from './config';

export interface RunningServer {
  /** Root URL actually listened on (with the real port when 0 was asked). */
  url: string;
  fhirBase: string;
  app: App;
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then closes the store. */
  close(): Promise<void>;
}

/**
 * Builds the app, then listens, so nothing connects before it can be answered. With PORT=0 (tests) the port is
 * only known once listening, and every link and the recognition of this server's own absolute references depend
 * on it, so then the server listens first and the app is built right after.
 */
export async function startServer(config: Config, options: { warmUp?: boolean; onAuthEvent?: AuthEventSink } = {}): Promise<RunningServer> {
  const server = http.createServer();
  // Slow-client protection: a request must arrive in full within this time (Node's default is 300 s).
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  let app: App;
  let effective = config;
  if (config.port === 0) {
    await listen();
    const port = (server.address() as AddressInfo).port;
    effective = { ...config, port, baseUrl: config.baseUrl.replace(/:0$/, `:${port}`) };
    try {
      app = await createApp(effective, options);
    } catch (e) {
      server.close();
      throw e;
    }
    server.on('request', app.app);
  } else {
    app = await createApp(effective, options);
    server.on('request', app.app);
    try {
      await listen();
    } catch (e) {
      await app.close();
      throw e;
    }
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${effective.port}`,
    fhirBase: fhirBaseUrl(effective),
    app,
    close: () => (closing ??= shutdown(server, app, config.shutdownTimeoutMs)),
  };
}

async function shutdown(server: Server, app: App, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearTimeout(timer);
  await app.close();
}
