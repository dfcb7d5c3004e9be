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

/**
 * A log line that may come many times a second (a backend's reconnect attempts): the first
 * is written, then at most one each `everyMs`, told how many were left out in between.
 */
export function everyOnce(
  everyMs: number,
  clock: () => number = Date.now,
): (write: (suppressed: number) => void) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (write) => {
    const now = clock();
    if (now - last < everyMs) {
      suppressed++;
      return;
    }
    last = now;
    write(suppressed);
    suppressed = 0;
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'meetup-companion' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  return pino(options, new StdoutBlocks());
}

// A block's size: under a burst of deliveries, lines share system calls instead of costing
// one each (a third of the receiver's time once went to writing its lines, and each
// asynchronous write is also a hand-off to libuv's pool and back).
const BLOCK_BYTES = 16 * 1024;

/**
 * Asynchronous stdout, in blocks. The lines are gathered here and handed to sonic-boom a
 * block at a time, rather than with sonic-boom's own `minLength`: that appends each line to
 * one growing string and measures its byte length on every write, which flattens the whole
 * buffer each time and leaves a block-sized copy of garbage per line. A quiet moment's
 * lines are flushed by the timer, so none waits more than 100 ms. `logger.flush(cb)` calls back once every line is written: call it
 * before `process.exit`, which would drop a write in flight. At exit the rest is written
 * synchronously, after what sonic-boom holds.
 */
class StdoutBlocks implements DestinationStream {
  private static readonly open = new Set<StdoutBlocks>();
  private lines: string[] = [];
  private length = 0;
  // minLength 1, not 0: sonic-boom writes at once either way, but only calls flush's
  // callback after the write in flight when minLength is set.
  private readonly sink = pino.destination({ dest: 1, sync: false, minLength: 1, maxWrite: 4 * BLOCK_BYTES });

  constructor() {
    // One exit hook for every writer, registered after pino's own for the first sink, so it
    // runs after sonic-boom has written what it held: the order of the lines is kept.
    if (StdoutBlocks.open.size === 0) process.once('exit', () => StdoutBlocks.open.forEach((w) => w.writeRestSync()));
    StdoutBlocks.open.add(this);
    setInterval(() => this.handOver(), 100).unref();
  }

  write(line: string): void {
    this.lines.push(line);
    // UTF-16 units, not bytes: a block only needs to be about this size.
    this.length += line.length;
    if (this.length >= BLOCK_BYTES) this.handOver();
  }

  flush(cb?: (err?: Error) => void): void {
    this.handOver();
    this.sink.flush(cb);
  }

  private handOver(): void {
    if (this.lines.length > 0) this.sink.write(this.take());
  }

  private writeRestSync(): void {
    if (this.lines.length > 0) writeAllSync(1, Buffer.from(this.take()));
  }

  private take(): string {
    const block = this.lines.join('');
    this.lines = [];
    this.length = 0;
    return block;
  }
}

// How long an exit waits for a reader that has stopped reading, as a supervisor's full pipe.
const STALLED_READER_MS = 2000;
const pause = new Int32Array(new SharedArrayBuffer(4));
const WALL_CLOCK = { now: Date.now, pause: (ms: number) => void Atomics.wait(pause, 0, 0, ms) };

/**
 * Writes all of `bytes` before returning. stdout is non-blocking when it is a pipe: a
 * plain writeSync throws EAGAIN while the reader is behind, and at exit that dropped the
 * last block of lines (136 of 3,000 in a test with a slow reader). So a full pipe is
 * waited out, 10 ms at a time, as sonic-boom's own flushSync does, and a partial write
 * goes on from where it stopped; a reader that takes nothing for 2 s is given up on.
 */
export function writeAllSync(
  fd: number,
  bytes: Buffer,
  write: (fd: number, bytes: Buffer) => number = writeSync,
  stalledReaderMs = STALLED_READER_MS,
  clock: { now(): number; pause(ms: number): void } = WALL_CLOCK,
): void {
  let stalledSince = clock.now();
  while (bytes.length > 0) {
    try {
      const written = write(fd, bytes);
      bytes = bytes.subarray(written);
      stalledSince = clock.now();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Anything else (EPIPE, EBADF) means stdout is gone: there is nowhere left to write.
      if ((code !== 'EAGAIN' && code !== 'EBUSY') || clock.now() - stalledSince > stalledReaderMs) return;
      clock.pause(10);
    }
  }
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
 * generic path (serialisers, redaction) costs a sizeable share of what a delivery costs
 * under load. The line's fields are fixed and never hold a header or
 * the body, so there is nothing to redact.
 */
export function requestLineWriter(logger: Logger, msg: string): (line: RequestLine) => void {
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]!;
  const head = `{"level":${logger.levels.values.info},"time":"`;
  const bindings = JSON.stringify(logger.bindings()).slice(1, -1);
  const afterTime = bindings ? `",${bindings},"req":{"id":` : `","req":{"id":`;
  const tail = `,"msg":${JSON.stringify(msg)}}\n`;
  // Lines of the same millisecond share one formatted time: a write's acknowledgements go out together.
  let ms = -1;
  let iso = '';
  return (line) => {
    if (!logger.isLevelEnabled('info')) return;
    const now = Date.now();
    if (now !== ms) iso = new Date((ms = now)).toISOString();
    stream.write(
      `${head}${iso}${afterTime}${JSON.stringify(line.id)},"method":${JSON.stringify(line.method)},"url":${JSON.stringify(line.url)}},"res":{"statusCode":${line.statusCode}},"responseTime":${line.responseTime}${tail}`,
    );
  };
}
