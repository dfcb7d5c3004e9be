import { createHistogram } from 'node:perf_hooks';
import { connect, type Socket } from 'node:net';

const POOL_BLOCK = 64 << 20;

/**
 * Requests ready to send, as the bytes on the wire, in one buffer outside the JS heap:
 * a pool of a few hundred thousand 1.5 kB strings or objects made every scavenge of the
 * load generator several times slower (10 ms against 2–3), and each pause held back
 * every answer in flight, for every server alike.
 */
export class RequestPool {
  private readonly bytes: Buffer;
  private readonly offsets: Float64Array;
  readonly size: number;

  constructor(requests: Iterable<Buffer>, blockBytes = POOL_BLOCK) {
    // Each request is copied into large blocks as it comes and then dropped, young: keeping
    // the parts until the end left hundreds of thousands of buffers for the generator's
    // first old-generation GC, which held the first measured run to 9,600 answers a second
    // against 24,000 for the runs after it (2026-12-03).
    const blocks: Buffer[] = [];
    let block = Buffer.allocUnsafe(0);
    let used = 0;
    const offsets: number[] = [];
    let at = 0;
    for (const r of requests) {
      if (used + r.length > block.length) {
        if (used > 0) blocks.push(block.subarray(0, used));
        block = Buffer.allocUnsafe(Math.max(blockBytes, r.length));
        used = 0;
      }
      r.copy(block, used);
      used += r.length;
      offsets.push(at);
      at += r.length;
    }
    if (used > 0) blocks.push(block.subarray(0, used));
    offsets.push(at);
    this.size = offsets.length - 1;
    this.offsets = Float64Array.from(offsets);
    this.bytes = blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks, at);
  }

  /** The `i`-th request (wrapping around), as a view: nothing is copied. */
  at(i: number): Buffer {
    const n = i % this.size;
    return this.bytes.subarray(this.offsets[n], this.offsets[n + 1]);
  }
}

/** An HTTP/1.1 POST as sent on the wire: the request line, the headers, the body. */
export function httpRequest(path: string, headers: Record<string, string>, body: string | Buffer): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const lines = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: keep-alive',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${payload.length}`,
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

export interface LoadResult {
  /** Answers a second while counting. */
  rps: number;
  /** Answers counted: to requests sent after the warm-up. */
  total: number;
  /** Requests sent, warm-up included: where the next run should start in the pool. */
  sent: number;
  /** Latency from the first byte sent to the last byte of the answer read, in ms. */
  p50: number;
  p99: number;
  p999: number;
  max: number;
  non2xx: number;
  errors: number;
}

/**
 * Where one answer ends in what a connection has read so far, or -1 if it has not
 * ended yet. Servers answer with a Content-Length or chunked.
 */
export function answerEnd(text: string): number {
  const head = text.indexOf('\r\n\r\n');
  if (head < 0) return -1;
  const headers = text.slice(0, head);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
  if (length) {
    const end = head + 4 + Number(length[1]);
    return text.length >= end ? end : -1;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) {
    const last = text.indexOf('\r\n0\r\n\r\n', head);
    return last < 0 ? -1 : last + 7;
  }
  return head + 4;
}

/**
 * A closed-loop load generator: `connections` keep-alive connections, each with one
 * request in flight, sending the pool's requests in turn. It allocates next to nothing a
 * request (a view on the pool, the answer's few hundred bytes), so the generator's own
 * pauses stay out of the figures as far as they can.
 *
 * The first `warmUpSeconds` run on the same connections but are not counted: a run
 * that opens 200 connections at once, into a server still working off what came before,
 * spends its first few hundred milliseconds on that, and those answers (up to half a
 * second) would otherwise be read as the steady state's tail. `onMeasuring` runs as
 * the first counted request is sent. Non-2xx answers and lost connections are counted over the whole run.
 */
export async function drive(options: {
  port: number;
  connections: number;
  seconds: number;
  warmUpSeconds?: number;
  pool: RequestPool;
  from?: number;
  onMeasuring?: () => void;
  /** Milliseconds, the warm-up's and the run's end measured by it: performance.now, or a test's own. */
  clock?: () => number;
}): Promise<LoadResult> {
  const now = options.clock ?? (() => performance.now());
  const histogram = createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 });
  const from = options.from ?? 0;
  let next = from;
  let non2xx = 0;
  let errors = 0;
  let total = 0;
  const measureFrom = now() + (options.warmUpSeconds ?? 0) * 1000;
  const endsAt = measureFrom + options.seconds * 1000;
  let lastAnswer = measureFrom;
  let running = true;
  let measuring = false;

  const connection = (): Promise<void> =>
    new Promise((resolve) => {
      let socket: Socket;
      let pending = '';
      let sentAt = 0;
      let finished = false;
      const send = () => {
        if (!running || now() >= endsAt) {
          finished = true;
          socket.end();
          return;
        }
        pending = '';
        sentAt = now();
        if (!measuring && sentAt >= measureFrom) {
          measuring = true;
          options.onMeasuring?.();
        }
        socket.write(options.pool.at(next++));
      };
      const open = () => {
        let replaced = false;
        socket = connect({ port: options.port, host: '127.0.0.1', noDelay: true });
        socket.setEncoding('latin1');
        socket.on('connect', send);
        socket.on('data', (chunk: string) => {
          pending += chunk;
          const end = answerEnd(pending);
          if (end < 0) return;
          if (sentAt >= measureFrom) {
            lastAnswer = now();
            histogram.record(Math.max(1, Math.round((lastAnswer - sentAt) * 1000)));
            total++;
          }
          if (pending[9] !== '2') non2xx++;
          // A server that closes after its answer gets a new connection for the next request.
          if (/\r\nconnection:\s*close/i.test(pending.slice(0, end))) {
            replaced = true;
            socket.destroy();
            open();
          } else send();
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          if (replaced) return;
          if (finished || !running || now() >= endsAt) return resolve();
          // Lost mid-run: the request it carried counts as an error, and the connection is opened again.
          errors++;
          setTimeout(open, 10);
        });
      };
      open();
    });

  const stop = setTimeout(() => (running = false), endsAt - now() + 10_000);
  await Promise.all(Array.from({ length: options.connections }, connection));
  clearTimeout(stop);
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    rps: total / ((lastAnswer - measureFrom) / 1000 || 1),
    total,
    sent: next - from,
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    p999: ms(histogram.percentile(99.9)),
    max: ms(histogram.max),
    non2xx,
    errors,
  };
}
