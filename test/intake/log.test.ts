import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { LogIntake, readRecords } from '../../src/intake/log.js';

type J = { key: string; pad?: string };
const job = (n: number, pad = 0): J => (pad ? { key: `k${n}`, pad: 'x'.repeat(pad) } : { key: `k${n}` });
const KB = 1024;
const O_DSYNC = 0o10000;

type FileHandleMethod = (...args: unknown[]) => Promise<unknown>;

/** The methods every FileHandle shares (its prototype), for a test to wrap one for a while. */
async function fileHandleMethods(dir: string): Promise<Record<'read' | 'write', FileHandleMethod>> {
  const probe = await open(join(dir, 'probe'), 'w');
  await probe.close();
  return Object.getPrototypeOf(probe) as Record<'read' | 'write', FileHandleMethod>;
}

const segments = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.startsWith('segment-'))
    .sort();
const jobsOf = async (intake: LogIntake<J>) => (await intake.oldest(1_000_000)).map((b) => b.jobs.map((j) => j.key));

describe("log intake (the embedded store's intake)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mc-log-intake-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes through descriptors opened O_DSYNC, into a segment whose blocks exist before its first record: an append never changes a file's size", async () => {
    const intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    try {
      await intake.ready();
      const [name] = segments(dir);
      expect(statSync(join(dir, name!)).size).to.equal(64 * KB);
      await intake.append([job(1), job(2)]);
      expect(statSync(join(dir, name!)).size).to.equal(64 * KB);
      // The kernel's view of every descriptor this process holds on a segment.
      const fds = readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).startsWith(join(dir, 'segment-'));
        } catch {
          return false;
        }
      });
      expect(fds).to.have.length(1);
      const flags = Number.parseInt(/flags:\s+(\d+)/.exec(readFileSync(`/proc/self/fdinfo/${fds[0]}`, 'utf8'))![1]!, 8);
      expect(flags & O_DSYNC, 'O_DSYNC').to.equal(O_DSYNC);
    } finally {
      await intake.close();
    }
  });

  it('resolves an append only once its write has returned', async () => {
    const intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    await intake.ready();
    const proto = await fileHandleMethods(dir);
    const { write } = proto;
    const events: string[] = [];
    proto.write = async function (this: unknown, ...args: unknown[]) {
      events.push('write started');
      await new Promise((resolve) => setTimeout(resolve, 30));
      const r = await write.apply(this, args);
      events.push('write returned');
      return r;
    };
    try {
      await intake.append([job(1)]).then(() => events.push('append resolved'));
    } finally {
      proto.write = write;
      await intake.close();
    }
    expect(events).to.deep.equal(['write started', 'write returned', 'append resolved']);
  });

  it('rejects the appends of a failed write, and writes the next one where it started: no hole before the records after it', async () => {
    let intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    await intake.append([job(1)]);
    const proto = await fileHandleMethods(dir);
    const { write } = proto;
    // The disk takes half of the write, then fails (EIO): the half stays in the file.
    proto.write = async function (this: { write: typeof write }, ...args: unknown[]) {
      proto.write = write;
      const [bytes, , length, position] = args as [Buffer, number, number, number];
      await write.call(this, bytes, 0, Math.floor(length / 2), position);
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    const failed = await intake.append([job(2), job(3)]).then(
      () => null,
      (e: Error) => e,
    );
    proto.write = write;
    expect(failed?.message).to.equal('EIO: i/o error, write');
    expect(await intake.count()).to.equal(1);
    await intake.append([job(4)]);
    await intake.close();
    intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    try {
      expect(await jobsOf(intake)).to.deep.equal([['k1'], ['k4']]);
    } finally {
      await intake.close();
    }
  });

  it('hands out nothing for a batch removed while its read was in flight, even when its segment was deleted under the read', async () => {
    const intake = new LogIntake<J>(dir, { minSegmentBytes: 4 * KB, maxSegmentBytes: 4 * KB, spareSegments: 0 });
    try {
      await intake.append([job(1, 2000)]);
      // Two more fill the first segment: the next one is written to, and the first can be emptied.
      await intake.append([job(2, 2000)]);
      await intake.append([job(3, 2000)]);
      const [first] = await intake.oldest(1);
      const proto = await fileHandleMethods(dir);
      const { read } = proto;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      proto.read = async function (this: unknown, ...args: unknown[]) {
        proto.read = read;
        await held;
        return read.apply(this, args);
      };
      const reading = intake.oldest(1);
      await new Promise((resolve) => setImmediate(resolve));
      const before = segments(dir).length;
      await intake.remove(first!.id);
      expect(segments(dir).length, 'the emptied first segment is deleted').to.equal(before - 1);
      release();
      expect(await reading).to.deep.equal([]);
      expect(await jobsOf(intake)).to.deep.equal([['k2'], ['k3']]);
    } finally {
      await intake.close();
    }
  });

  it('drops a torn last record on reopen, keeps the ones before it, and appends in its place', async () => {
    let intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    await intake.append([job(1)]);
    await intake.append([job(2), job(3)]);
    await intake.append([job(4)]);
    await intake.close();
    // A crash in the middle of the last write: one byte of its payload never reached the disk.
    const path = join(dir, segments(dir)[0]!);
    const { records } = readRecords(readFileSync(path));
    expect(records).to.have.length(3);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('#'), 0, 1, records[2]!.offset + 2);
    closeSync(fd);

    intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    expect(await jobsOf(intake)).to.deep.equal([['k1'], ['k2', 'k3']]);
    expect(await intake.count()).to.equal(3);
    // What the torn write left is zeroed, so that no later record can run into it.
    expect(
      readFileSync(path)
        .subarray(records[2]!.offset - 32)
        .every((b) => b === 0),
    ).to.equal(true);
    await intake.append([job(5)]);
    await intake.close();
    intake = new LogIntake<J>(dir, { minSegmentBytes: 64 * KB });
    try {
      expect(await jobsOf(intake)).to.deep.equal([['k1'], ['k2', 'k3'], ['k5']]);
    } finally {
      await intake.close();
    }
  });

  it('never reads what a reused segment held before as records: an emptied segment comes back empty, and its old records stay dead', async () => {
    const options = { minSegmentBytes: 4 * KB, maxSegmentBytes: 4 * KB, spareSegments: 4 };
    let intake = new LogIntake<J>(dir, options);
    // Nine batches of about 1 kB: three segments' worth.
    for (let n = 1; n <= 9; n++) await intake.append([job(n, 900)]);
    const first = segments(dir)[0]!;
    for (const batch of await intake.oldest(9)) await intake.remove(batch.id);
    // The first segment is empty and zeroed; the next append after the current one fills up goes into it.
    expect(readRecords(readFileSync(join(dir, first))).records).to.deep.equal([]);
    for (let n = 10; n <= 14; n++) await intake.append([job(n, 900)]);
    expect(readRecords(readFileSync(join(dir, first))).records.length, 'records in the reused segment').to.be.above(0);
    expect(await jobsOf(intake)).to.deep.equal([['k10'], ['k11'], ['k12'], ['k13'], ['k14']]);
    await intake.close();

    intake = new LogIntake<J>(dir, options);
    try {
      expect(await jobsOf(intake)).to.deep.equal([['k10'], ['k11'], ['k12'], ['k13'], ['k14']]);
      expect(await intake.count()).to.equal(5);
    } finally {
      await intake.close();
    }
  });

  it('gives a batch larger than a segment a segment of its own size', async () => {
    let intake = new LogIntake<J>(dir, { minSegmentBytes: 4 * KB, maxSegmentBytes: 8 * KB });
    await intake.append([job(1)]);
    await intake.append([job(2, 3 * 1024 * 1024)]);
    await intake.append([job(3)]);
    await intake.close();
    intake = new LogIntake<J>(dir, { minSegmentBytes: 4 * KB, maxSegmentBytes: 8 * KB });
    try {
      const batches = await intake.oldest(10);
      expect(batches.map((b) => b.jobs.map((j) => j.key))).to.deep.equal([['k1'], ['k2'], ['k3']]);
      expect(batches[1]!.jobs[0]!.pad).to.have.length(3 * 1024 * 1024);
    } finally {
      await intake.close();
    }
  });

  it('in any sequence of appends, removals and restarts, holds exactly what was appended and not removed, in order, on a bounded number of files', async () => {
    const command = fc.oneof(
      fc.record({
        op: fc.constant('append' as const),
        jobs: fc.integer({ min: 1, max: 4 }),
        pad: fc.integer({ min: 0, max: 1500 }),
      }),
      fc.record({ op: fc.constant('remove' as const), oldest: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constant('restart' as const) }),
    );
    const options = { minSegmentBytes: 4 * KB, maxSegmentBytes: 8 * KB, spareSegments: 1 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 60 }), async (commands) => {
        const here = mkdtempSync(join(dir, 'run-'));
        let intake = new LogIntake<J>(here, options);
        const model: string[][] = [];
        let n = 0;
        try {
          for (const c of commands) {
            if (c.op === 'append') {
              const jobs = Array.from({ length: c.jobs }, () => job(++n, c.pad));
              await intake.append(jobs);
              model.push(jobs.map((j) => j.key));
            } else if (c.op === 'remove') {
              for (const batch of await intake.oldest(c.oldest)) await intake.remove(batch.id);
              model.splice(0, c.oldest);
            } else {
              await intake.close();
              intake = new LogIntake<J>(here, options);
            }
          }
          await intake.close();
          intake = new LogIntake<J>(here, options);
          expect(await jobsOf(intake)).to.deep.equal(model);
          expect(await intake.count()).to.equal(model.flat().length);
          // The live batches' segments, the one written to, and one spare: nothing else stays on disk.
          const liveBytes = model.length * (32 + 1600 * 4 + 100);
          expect(segments(here).length).to.be.at.most(Math.ceil(liveBytes / (4 * KB)) + 3);
        } finally {
          await intake.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps every batch it acknowledged when its process is SIGKILLed in the middle of appending', async function () {
    this.timeout(60_000);
    // .mts: the file lies outside the package, whose "type": "module" does not reach it.
    const child = join(dir, 'child.mts');
    writeFileSync(
      child,
      `import { LogIntake } from ${JSON.stringify(join(process.cwd(), 'src/intake/log.ts'))};
const intake = new LogIntake(process.argv[2], { minSegmentBytes: 64 * 1024, maxSegmentBytes: 256 * 1024 });
let n = 0;
for (;;) {
  const batch = Array.from({ length: 4 }, () => ({ key: 'k' + ++n, pad: 'y'.repeat(200) }));
  // Several appends in flight at once, as under a burst; each is printed once it resolved.
  const parts = [batch.slice(0, 1), batch.slice(1, 2), batch.slice(2)];
  await Promise.all(parts.map((part) => intake.append(part).then(() => process.stdout.write(part.map((j) => j.key).join(',') + '\\n'))));
  // Two of every three batches removed, oldest first: segments empty behind the one written to, and are reused.
  for (const b of await intake.oldest(2)) await intake.remove(b.id);
}
`,
    );
    const data = join(dir, 'data');
    const proc = spawn(process.execPath, ['--import', 'tsx', child, data], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let exited: number | null | undefined;
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('exit', (code) => (exited = code));
    // Long enough to rotate through several segments and reuse some.
    while (out.split('\n').length < 6000) {
      if (exited !== undefined) throw new Error(`the appending child exited with ${exited} before it was killed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    proc.kill('SIGKILL');
    while (exited === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    const names = segments(data);
    const acknowledged = out
      .split('\n')
      .slice(0, -1)
      .flatMap((line) => line.split(','));

    const intake = new LogIntake<J>(data, { minSegmentBytes: 64 * 1024, maxSegmentBytes: 256 * 1024 });
    try {
      const kept = new Set((await intake.oldest(1_000_000)).flatMap((b) => b.jobs.map((j) => j.key)));
      const keys = [...kept];
      expect(new Set(keys).size, 'no batch twice').to.equal(keys.length);
      // Removed batches are gone; every acknowledged one not removed is there.
      const lost = acknowledged.filter((k) => !kept.has(k) && Number(k.slice(1)) > removedBelow(keys));
      expect(lost, 'acknowledged and lost').to.deep.equal([]);
      expect(kept.size, 'deliveries left at the kill').to.be.above(0);
      // Segments were emptied and written again before the kill, or nothing here tested reuse.
      expect(names.length, 'segment files').to.be.below(Math.ceil((acknowledged.length * 230) / (256 * 1024)));
    } finally {
      await intake.close();
    }
  });
});

/** The child removes oldest first: everything below the lowest key still kept was removed. */
function removedBelow(keys: string[]): number {
  return Math.min(...keys.map((k) => Number(k.slice(1))));
}
