import express from 'express';
import { readPatientResponseBody } from './read-patient';

/**
 * The ceiling of this machine: an Express 5 app that answers every GET with a fixed ~1 KB Patient and does
 * nothing else. Run as a child process by run.ts (PORT, HOST from the environment).
 */
const body = readPatientResponseBody();
const app = express();
app.get('/{*path}', (_req, res) => {
  res.type('application/fhir+json').send(body);
});

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(port, host);

// run.ts talks to us over IPC; when it goes away without stopping us, we go too.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
