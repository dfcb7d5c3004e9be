import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { requestLineWriter, writeAllSync } from '../../src/log.js';
import { jobLogName } from '../../src/queue/types.js';
import { captureLogs } from '../support/logs.js';

describe('log lines', () => {
  it('name a delivery’s job by the delivery id the receiver’s line carries, whole, and never by its key (it holds the signature)', () => {
    const key = 'post_created:5c1f0e2a9d3b4c7e8f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6';
    expect(jobLogName({ kind: 'delivery', key, eventId: 88430 } as { kind: string; key: string })).to.equal(
      'delivery-88430',
    );
    expect(jobLogName({ kind: 'effects', key: 'effects:27341:1765100000000' })).to.equal('effects:27341:1765100000000');
  });

  it('writes the receiver’s per-delivery line exactly as pino writes the same fields', async () => {
    const { logger, lines } = captureLogs('info');
    const line = {
      id: 'delivery-88430',
      method: 'POST',
      url: '/webhooks/discourse?x="quoted"\\',
      statusCode: 202,
      responseTime: 1.234567,
    };
    logger.info(
      {
        req: { id: line.id, method: line.method, url: line.url },
        res: { statusCode: line.statusCode },
        responseTime: line.responseTime,
      },
      'request completed',
    );
    requestLineWriter(logger, 'request completed')(line);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).to.have.length(2);
    const [fromPino, ours] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(typeof ours!.time).to.equal('string');
    expect({ ...ours, time: 'T' }).to.deep.equal({ ...fromPino, time: 'T' });
    expect(ours!.req).to.deep.equal({ id: 'delivery-88430', method: 'POST', url: '/webhooks/discourse?x="quoted"\\' });
  });

  it('keeps the bindings of a child logger and writes nothing above the info level', async () => {
    const { logger, lines } = captureLogs('info');
    requestLineWriter(
      logger.child({ role: 'web' }),
      'request completed',
    )({ id: 'delivery-1', method: 'POST', url: '/webhooks/discourse', statusCode: 200, responseTime: 0.5 });
    const quiet = captureLogs('warn');
    requestLineWriter(
      quiet.logger,
      'request completed',
    )({ id: 'delivery-2', method: 'POST', url: '/webhooks/discourse', statusCode: 202, responseTime: 0.5 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.parse(lines[0]!)).to.include({ service: 'meetup-companion', role: 'web', msg: 'request completed' });
    expect(quiet.lines).to.deep.equal([]);
  });

  it('shows a lone line on stdout while the process runs, though stdout is written in 16 kB blocks', async () => {
    // One line, then the process stays up for 20 s: the line must not wait for the buffer to fill, or for the exit.
    const script =
      "import { createLogger } from './src/log.ts'; createLogger('info').info('a quiet moment'); setTimeout(() => undefined, 20000);";
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('a quiet moment')) resolve();
        });
        child.once('exit', () => reject(new Error(`exited before the line came: ${out}`)));
        setTimeout(() => reject(new Error(`no line within 10 s: ${out}`)), 10000);
      });
      expect(child.exitCode, 'still running when the line came').to.equal(null);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('writes the last lines whole at exit through a pipe that is full at times: waits out EAGAIN, goes on after a partial write, gives up on a reader that stalls', () => {
    const again = () => Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
    const taken: string[] = [];
    const answers: Array<number | Error> = [again(), 4, again(), again(), Number.POSITIVE_INFINITY];
    writeAllSync(1, Buffer.from('0123456789'), (_fd, bytes) => {
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      const n = Math.min(next, bytes.length);
      taken.push(bytes.subarray(0, n).toString());
      return n;
    });
    expect(taken).to.deep.equal(['0123', '456789']);

    // A reader that takes nothing: given up on once more than 100 ms have passed, by a clock that only the pauses move.
    let tries = 0;
    let now = 0;
    const pauses: number[] = [];
    const full = (): number => {
      tries++;
      throw again();
    };
    const clock = { now: () => now, pause: (ms: number) => void (pauses.push(ms), (now += ms)) };
    writeAllSync(1, Buffer.from('lost'), full, 100, clock);
    expect(pauses).to.deep.equal(Array.from({ length: 11 }, () => 10));
    expect(tries).to.equal(12);

    const gone = () => {
      throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
    };
    expect(() => writeAllSync(1, Buffer.from('x'), gone)).not.to.throw();
  });

  it('loses no line at exit when the reader is slow (a busy parent): the case that once lost the last 136 of 3,000', async () => {
    const script =
      "import { createLogger } from './src/log.ts'; const log = createLogger('info'); for (let i = 0; i < 3000; i++) log.info({ i }, 'line');";
    for (let run = 0; run < 3; run++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        // The reader falls behind: the pipe fills while the child writes its last block at exit.
        const until = Date.now() + 30;
        while (Date.now() < until);
      });
      await new Promise((resolve) => child.once('close', resolve));
      const numbers = out
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { i: number }).i);
      expect(numbers.length, `run ${run}`).to.equal(3000);
    }
  });

  for (const [ending, code] of [
    ['logger.flush(), then process.exit(), as the service stops', 'log.flush(() => process.exit(0));'],
    ['the event loop running dry', ''],
  ] as const) {
    it(`loses no line and keeps their order when the process ends by ${ending}`, async () => {
      // Enough lines for several blocks, some in flight and one still gathering at the end.
      const script = `import { createLogger } from './src/log.ts'; const log = createLogger('info'); for (let i = 0; i < 3000; i++) log.info({ i }, 'line'); ${code}`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(status).to.equal(0);
      const numbers = out
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { i: number }).i);
      expect(numbers).to.deep.equal(Array.from({ length: 3000 }, (_, i) => i));
    });
  }
});
