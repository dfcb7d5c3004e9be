import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Every path where a secret could ride along into a log line. axios errors carry
 * their request headers (axios#2648), and the receiver's request has the signature.
 */
const REDACT_PATHS = [
  'req.headers["x-discourse-event-signature"]',
  'req.headers.authorization',
  'req.headers["api-key"]',
  'headers["Api-Key"]',
  'headers["api-key"]',
  'headers.Authorization',
  'config.headers["Api-Key"]',
  'err.config.headers["Api-Key"]',
  'err.config.headers["Api-Username"]',
  'apiKey',
  'secret',
  'webhookSecret',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'meetup-companion' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Asynchronous stdout: lines written while a write is in flight go out together, so a
  // burst of deliveries costs a few system calls instead of one per line; pino flushes it
  // when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
