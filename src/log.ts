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
  if (destination) return pino(options, destination);
  // Asynchronous stdout, written in blocks of at least 16 kB: under a burst of deliveries
  // lines share system calls instead of costing one each (a third of the receiver's time
  // went to writing its lines, and each asynchronous write is also a hand-off to libuv's
  // pool and back). A quiet moment's lines are flushed by the timer, so none waits more
  // than 100 ms; pino flushes the rest when the process exits.
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 16 * 1024, maxWrite: 32 * 1024 });
  setInterval(() => {
    try {
      stdout.flush();
    } catch {
      // Destroyed at exit: nothing is left to write.
    }
  }, 100).unref();
  return pino(options, stdout);
}

/** What the receiver logs of each delivery it answered. */
export interface RequestLine {
  id: string;
  method: string;
  url: string;
  statusCode: number;
  responseTime: number;
}

/**
 * The info line of one answered request, exactly as pino writes it, formatted here and
 * written into the logger's own stream. The receiver logs every delivery, and pino's
 * generic path (serialisers, redaction) costs about 4 µs a line, a tenth of what a
 * delivery may cost under load. The line's fields are fixed and never hold a header or
 * the body, so there is nothing to redact.
 */
export function requestLineWriter(logger: Logger, msg: string): (line: RequestLine) => void {
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]!;
  const head = `{"level":${logger.levels.values.info},"time":"`;
  const bindings = JSON.stringify(logger.bindings()).slice(1, -1);
  const afterTime = bindings ? `",${bindings},"req":{"id":` : `","req":{"id":`;
  const tail = `,"msg":${JSON.stringify(msg)}}\n`;
  return (line) => {
    if (!logger.isLevelEnabled('info')) return;
    stream.write(
      `${head}${new Date().toISOString()}${afterTime}${JSON.stringify(line.id)},"method":${JSON.stringify(line.method)},"url":${JSON.stringify(line.url)}},"res":{"statusCode":${line.statusCode}},"responseTime":${line.responseTime}${tail}`,
    );
  };
}
