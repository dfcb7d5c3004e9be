import { writeSync } from 'node:fs';
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
  return pino(options, stdoutInBlocks());
}

// A block's size: under a burst of deliveries, lines share system calls instead of costing
// one each (a third of the receiver's time once went to writing its lines, and each
// asynchronous write is also a hand-off to libuv's pool and back).
const BLOCK_BYTES = 16 * 1024;

/**
 * Asynchronous stdout, in blocks. The lines are gathered here and handed to sonic-boom a
 * block at a time, rather than with sonic-boom's own `minLength`: that appends each line to
 * one growing string and measures its byte length on every write, which flattens the whole
 * buffer each time (9 µs a line with 16 kB blocks, against 1 µs here, and a 16 kB copy
 * of garbage per line). A quiet moment's lines are flushed by the timer, so none waits
 * more than 100 ms; at exit the rest is written synchronously, after what sonic-boom holds.
 */
function stdoutInBlocks(): DestinationStream {
  const sink = pino.destination({ dest: 1, sync: false, maxWrite: 4 * BLOCK_BYTES });
  let lines: string[] = [];
  let length = 0;
  const take = (): string => {
    const block = lines.join('');
    lines = [];
    length = 0;
    return block;
  };
  const flush = () => {
    if (lines.length > 0) sink.write(take());
  };
  setInterval(flush, 100).unref();
  // Registered after pino's own exit hook for the sink (made above), so it runs after
  // sonic-boom has written what it held: the order of the lines is kept.
  process.once('exit', () => {
    if (lines.length === 0) return;
    try {
      writeSync(1, take());
    } catch {
      // stdout is gone: there is nowhere left to write.
    }
  });
  return {
    write(line: string) {
      lines.push(line);
      // UTF-16 units, not bytes: a block only needs to be about this size.
      length += line.length;
      if (length >= BLOCK_BYTES) flush();
    },
  };
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
