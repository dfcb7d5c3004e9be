import { constants } from 'node:fs';
import { mkdir, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Intake, IntakeBatch, LeftBatches } from './types.js';

export interface LogIntakeOptions<J> {
  /** Held from open to close: refuses a second owner of the same directory. */
  lock?: { acquire(): Promise<void>; release(): Promise<void> };
  /** What the intake takes over once, on open, before its first append. */
  handOver?: () => Promise<LeftBatches<J>>;
  /** The first segment's size; each new segment is twice the last, up to `maxSegmentBytes`. */
  minSegmentBytes?: number;
  maxSegmentBytes?: number;
  /** Emptied segments kept, zeroed, for the next rotations; the others are deleted. */
  spareSegments?: number;
}

// A record: kind, payload length, how many jobs (an append) or batches (a removal) it
// names, its number, the number of the first record of its segment's current use, a
// CRC-32 of all that and the payload, then the payload: the jobs as JSON, or the numbers
// of the removed batches.
const APPEND = 0x4d430001;
const REMOVE = 0x4d430002;
const HEADER = 32;
const CHECKED = 28;
const SEGMENT_NAME = /^segment-(\d{8})\.log$/;
const MB = 1 << 20;

interface Segment {
  name: string;
  file: FileHandle;
  size: number;
  /** Where the next record goes. */
  end: number;
  /** Number of the first record of this use of the file; 0 while it holds none. */
  epoch: number;
  /** Appended batches in it not removed yet. */
  live: number;
}

interface Batch {
  segment: Segment;
  /** Where the payload starts. */
  offset: number;
  length: number;
  jobs: number;
  written: boolean;
}

interface Op {
  kind: typeof APPEND | typeof REMOVE;
  payload: Buffer;
  count: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function header(op: Op, lsn: number, epoch: number): Buffer {
  const h = Buffer.allocUnsafe(HEADER);
  h.writeUInt32LE(op.kind, 0);
  h.writeUInt32LE(op.payload.length, 4);
  h.writeUInt32LE(op.count, 8);
  h.writeBigUInt64LE(BigInt(lsn), 12);
  h.writeBigUInt64LE(BigInt(epoch), 20);
  h.writeUInt32LE(crc32(op.payload, crc32(h.subarray(0, CHECKED))), CHECKED);
  return h;
}

export interface LogRecord {
  kind: number;
  count: number;
  lsn: number;
  epoch: number;
  /** Where the payload starts in the segment. */
  offset: number;
  length: number;
  /** The batches a removal names. */
  removed: number[];
}

/**
 * The records of one segment, from its start up to the first that is not whole: torn by a
 * crash, never written, or left from the file's previous use (another epoch, or a number
 * not above the one before it).
 */
export function readRecords(bytes: Buffer): { records: LogRecord[]; end: number } {
  const records: LogRecord[] = [];
  let at = 0;
  while (at + HEADER <= bytes.length) {
    const kind = bytes.readUInt32LE(at);
    if (kind !== APPEND && kind !== REMOVE) break;
    const length = bytes.readUInt32LE(at + 4);
    const count = bytes.readUInt32LE(at + 8);
    if (at + HEADER + length > bytes.length || (kind === REMOVE && length !== count * 8)) break;
    const lsn = Number(bytes.readBigUInt64LE(at + 12));
    const epoch = Number(bytes.readBigUInt64LE(at + 20));
    const previous = records.at(-1);
    if (previous ? lsn <= previous.lsn || epoch !== previous.epoch : epoch !== lsn) break;
    const payload = bytes.subarray(at + HEADER, at + HEADER + length);
    if (crc32(payload, crc32(bytes.subarray(at, at + CHECKED))) !== bytes.readUInt32LE(at + CHECKED)) break;
    const removed =
      kind === REMOVE ? Array.from({ length: count }, (_, i) => Number(payload.readBigUInt64LE(i * 8))) : [];
    records.push({ kind, count, lsn, epoch, offset: at + HEADER, length, removed });
    at += HEADER + length;
  }
  return { records, end: at };
}

async function zeroFrom(file: FileHandle, from: number, to: number): Promise<void> {
  const zeros = Buffer.alloc(Math.min(Math.max(to - from, 0), MB));
  for (let at = from; at < to; at += zeros.length) await file.write(zeros, 0, Math.min(zeros.length, to - at), at);
}

/**
 * The embedded store's intake: a log of its own, in preallocated segment files written
 * through a descriptor opened O_DSYNC. A write overwrites blocks the file already has, so
 * the kernel returns once the data is on the device, with no size change and so no inode
 * to flush with it: the cheapest durable write Node has here. A synced put of an embedded
 * database appends to a growing file and flushes its size every time (docs/benchmarks.md).
 *
 * One write at a time, in record order: whatever is offered meanwhile (appends, removals)
 * goes in the next one. So a crash leaves whole records followed by at most one torn
 * write, which the CRC finds, and never a hole before a record that counts. Removals are
 * records too, and a segment is emptied only once it and every segment before it hold no
 * batch: a removal is never lost while the batch it removes is still on disk. An emptied
 * segment's first header is zeroed before it is used again, every record carries the
 * number of the first record of its segment's current use, and on open the segment to be
 * written next is zeroed past its last record: what a file held before never reads as a
 * record.
 */
export class LogIntake<J> implements Intake<J> {
  private opening: Promise<void> | null = null;
  private closed = false;
  /** Segments holding records, oldest first; the last is written to. */
  private readonly active: Segment[] = [];
  /** Emptied segments, zeroed, ready to be written from the start. */
  private readonly spares: Segment[] = [];
  private preparing: Promise<Segment> | null = null;
  private names = 0;
  private lastSize = 0;
  private lsn = 0;
  private waiting = 0;
  /** Batches not removed, in record order (a Map keeps insertion order). */
  private readonly live = new Map<number, Batch>();
  private queue: Op[] = [];
  private writing: Promise<void> | null = null;
  private readonly minSegment: number;
  private readonly maxSegment: number;
  private readonly keepSpares: number;
  private dirHandle: FileHandle | null = null;

  constructor(
    private readonly dir: string,
    private readonly options: LogIntakeOptions<J> = {},
  ) {
    this.minSegment = options.minSegmentBytes ?? MB;
    this.maxSegment = Math.max(this.minSegment, options.maxSegmentBytes ?? 16 * MB);
    this.keepSpares = options.spareSegments ?? 2;
  }

  async ready(): Promise<void> {
    await this.opened();
  }

  async append(jobs: J[]): Promise<void> {
    await this.opened();
    await this.writeAppend(jobs);
  }

  async oldest(limit: number): Promise<Array<IntakeBatch<J>>> {
    await this.opened();
    const picked: Array<[number, Batch]> = [];
    for (const entry of this.live) {
      // Written in record order: after the first batch still being written, none is.
      if (picked.length >= limit || !entry[1].written) break;
      picked.push(entry);
    }
    const read = await Promise.all(
      picked.map(async ([lsn, b]) => {
        const bytes = Buffer.allocUnsafe(b.length);
        try {
          await b.segment.file.read(bytes, 0, b.length, b.offset);
        } catch (err) {
          // Removed meanwhile, and its segment emptied and deleted: nothing to hand out.
          if (this.live.get(lsn) !== b) return { lsn, b, bytes };
          throw err;
        }
        return { lsn, b, bytes };
      }),
    );
    // Looked at again after the reads: a batch removed while they ran is not handed out.
    return read
      .filter(({ lsn, b }) => this.live.get(lsn) === b)
      .map(({ lsn, bytes }) => ({ id: String(lsn), jobs: JSON.parse(bytes.toString('utf8')) as J[] }));
  }

  async remove(id: string): Promise<void> {
    await this.opened();
    const lsn = Number(id);
    if (!this.forget(lsn)) return;
    const payload = Buffer.allocUnsafe(8);
    payload.writeBigUInt64LE(BigInt(lsn));
    await this.record(REMOVE, payload, 1);
    await this.retireEmptied();
  }

  async count(): Promise<number> {
    await this.opened();
    return this.waiting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const opened = await this.opening?.then(
      () => true,
      () => false,
    );
    if (!opened) return;
    while (this.writing) await this.writing;
    const prepared = await this.preparing?.catch(() => null);
    if (prepared) this.spares.push(prepared);
    for (const s of [...this.active, ...this.spares]) await s.file.close();
    await this.dirHandle?.close();
    await this.options.lock?.release();
  }

  private opened(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the embedded store is closed'));
    this.opening ??= this.open().catch((err: unknown) => {
      this.opening = null;
      throw err;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    await this.options.lock?.acquire();
    try {
      await mkdir(this.dir, { recursive: true });
      this.dirHandle = await open(this.dir, 'r');
      await this.recover();
      if (this.active.length === 0) this.active.push(await this.nextSegment(0));
      for (const batch of (await this.options.handOver?.()) ?? []) {
        await this.writeAppend(batch.jobs);
        await batch.drop();
      }
    } catch (err) {
      await this.options.lock?.release().catch(() => undefined);
      throw err;
    }
  }

  private writeAppend(jobs: J[]): Promise<void> {
    this.waiting += jobs.length;
    return this.record(APPEND, Buffer.from(JSON.stringify(jobs)), jobs.length);
  }

  /** Reads every segment; numbers, removals and the segments' order come from the records. */
  private async recover(): Promise<void> {
    const used: Array<{ segment: Segment; records: LogRecord[]; tail: boolean }> = [];
    for (const name of (await readdir(this.dir)).filter((n) => SEGMENT_NAME.test(n)).sort()) {
      this.names = Math.max(this.names, Number(SEGMENT_NAME.exec(name)![1]));
      const file = await open(join(this.dir, name), constants.O_RDWR | constants.O_DSYNC);
      const bytes = await file.readFile();
      const { records, end } = readRecords(bytes);
      const segment: Segment = { name, file, size: bytes.length, end, epoch: records[0]?.epoch ?? 0, live: 0 };
      this.lastSize = Math.max(this.lastSize, bytes.length);
      if (records.length === 0) await this.makeSpare(segment);
      // Bytes after the last whole record: a torn write, or what the file held before.
      else used.push({ segment, records, tail: bytes.subarray(end, end + HEADER).some((b) => b !== 0) });
    }
    // Segments are written one after another: their first numbers give their order.
    used.sort((a, b) => a.segment.epoch - b.segment.epoch);
    for (const { segment, records } of used) {
      this.active.push(segment);
      for (const r of records) {
        this.lsn = r.lsn;
        if (r.kind === APPEND) {
          this.live.set(r.lsn, { segment, offset: r.offset, length: r.length, jobs: r.count, written: true });
          segment.live++;
          this.waiting += r.count;
        }
        for (const lsn of r.removed) this.forget(lsn);
      }
    }
    // The segment written to next is zeroed past its last record, so that nothing a
    // record written there later could run into reads as one.
    const current = used.at(-1);
    if (current?.tail) await zeroFrom(current.segment.file, current.segment.end, current.segment.size);
    await this.retireEmptied();
  }

  private forget(lsn: number): Batch | undefined {
    const batch = this.live.get(lsn);
    if (!batch) return undefined;
    this.live.delete(lsn);
    batch.segment.live--;
    this.waiting -= batch.jobs;
    return batch;
  }

  /** Resolves once the record is written; records offered while a write is in flight go in the next one. */
  private record(kind: Op['kind'], payload: Buffer, count: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind, payload, count, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const ops = this.queue;
        this.queue = [];
        await this.write(ops);
      }
    } finally {
      // In the same step as the last look at the queue: an op offered after it starts a new drain.
      this.writing = null;
    }
  }

  /** Places the records in order, rotating to a new segment when one does not fit, and writes each segment's share in one call. */
  private async write(ops: Op[]): Promise<void> {
    let segment = this.active.at(-1)!;
    let start = segment.end;
    let parts: Buffer[] = [];
    let placed: Array<{ op: Op; batch?: Batch; lsn: number }> = [];
    const flush = async () => {
      if (parts.length === 0) return;
      const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      const done = placed;
      parts = [];
      placed = [];
      try {
        await segment.file.write(bytes, 0, bytes.length, start);
      } catch (err) {
        // The next write starts where this one did: a hole of half-written records would end
        // the segment for recovery, before records written after it.
        segment.end = start;
        if (start === 0) segment.epoch = 0;
        for (const { op, batch, lsn } of done) {
          if (batch) this.forget(lsn);
          op.reject(err);
        }
        return;
      }
      for (const { op, batch } of done) {
        if (batch) batch.written = true;
        op.resolve();
      }
    };
    for (const [i, op] of ops.entries()) {
      const size = HEADER + op.payload.length;
      if (segment.end + size > segment.size) {
        await flush();
        try {
          segment = await this.rotate(size);
        } catch (err) {
          for (const rest of ops.slice(i)) {
            if (rest.kind === APPEND) this.waiting -= rest.count;
            rest.reject(err);
          }
          return;
        }
        start = segment.end;
      }
      const lsn = ++this.lsn;
      if (segment.epoch === 0) segment.epoch = lsn;
      parts.push(header(op, lsn, segment.epoch), op.payload);
      let batch: Batch | undefined;
      if (op.kind === APPEND) {
        batch = { segment, offset: segment.end + HEADER, length: op.payload.length, jobs: op.count, written: false };
        this.live.set(lsn, batch);
        segment.live++;
      }
      segment.end += size;
      placed.push({ op, batch, lsn });
    }
    await flush();
    // The next segment is ready before this one is full, so a rotation does not wait for its zeros.
    if (segment.end > segment.size / 2 && this.spares.length === 0 && !this.preparing) this.prepareSpare();
  }

  private async rotate(needed: number): Promise<Segment> {
    const fits = this.spares.findIndex((s) => s.size >= needed);
    const next = fits >= 0 ? this.spares.splice(fits, 1)[0]! : await this.takePrepared(needed);
    this.active.push(next);
    return next;
  }

  private async takePrepared(needed: number): Promise<Segment> {
    const prepared = await this.preparing?.catch(() => null);
    this.preparing = null;
    if (prepared && prepared.size >= needed) return prepared;
    if (prepared) this.spares.push(prepared);
    return this.nextSegment(needed);
  }

  private prepareSpare(): void {
    this.preparing = this.nextSegment(0);
    // A failure shows at the rotation that waits for it, which then tries again.
    this.preparing.catch(() => undefined);
  }

  /** A new segment, its blocks written once and flushed, and its name in the directory flushed too. */
  private async nextSegment(needed: number): Promise<Segment> {
    const grown = Math.min(this.maxSegment, Math.max(this.minSegment, this.lastSize * 2));
    const size = Math.max(grown, Math.ceil(needed / MB) * MB);
    this.lastSize = Math.max(this.lastSize, grown);
    const name = `segment-${String(++this.names).padStart(8, '0')}.log`;
    const path = join(this.dir, name);
    const init = await open(path, 'wx');
    try {
      await zeroFrom(init, 0, size);
      await init.datasync();
    } finally {
      await init.close();
    }
    await this.dirHandle!.sync();
    const file = await open(path, constants.O_RDWR | constants.O_DSYNC);
    return { name, file, size, end: 0, epoch: 0, live: 0 };
  }

  /** Empties the oldest segments while they hold no batch (never the one being written). */
  private async retireEmptied(): Promise<void> {
    while (this.active.length > 1 && this.active[0]!.live === 0) {
      const segment = this.active.shift()!;
      try {
        await this.makeSpare(segment);
      } catch {
        await segment.file.close().catch(() => undefined);
      }
    }
  }

  private async makeSpare(segment: Segment): Promise<void> {
    if (this.spares.length >= this.keepSpares) {
      await segment.file.close();
      await unlink(join(this.dir, segment.name));
      return;
    }
    await segment.file.write(Buffer.alloc(HEADER), 0, HEADER, 0);
    segment.end = 0;
    segment.epoch = 0;
    segment.live = 0;
    this.spares.push(segment);
  }
}
