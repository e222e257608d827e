import winston from 'winston';

/** JSON lines on stdout; one logger per server instance (no module-level state), so tests can run several. */
export function createLogger(level: string): winston.Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console()],
  });
}
