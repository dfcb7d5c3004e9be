import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { StandInForum } from '../support/stand-in-forum.js';
import { FIXTURE_SECRET, fixture } from '../support/fixtures.js';
import { send } from '../support/service.js';
import { freePort } from '../support/redis.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/main.ts as operators run dist/src/main.js: a process of its own with only its environment. */
function runMain(
  env: Record<string, string>,
  args: string[] = [],
  whileRunning?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void>,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    if (whileRunning) whileRunning(child, () => stdout).catch(reject);
  });
}

describe('the service process', function () {
  // Each test starts one or two processes through tsx: seconds each on a busy machine.
  this.timeout(60_000);

  it('stops on bad configuration with one line that says what to fix', async () => {
    const run = await runMain({ DISCOURSE_API_KEY: 'k', DISCOURSE_WEBHOOK_SECRET: 'twelve-chars' });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(
      'meetup-companion: cannot start: DISCOURSE_URL: required: the base URL of the forum, e.g. https://forum.mautic.org\n',
    );
    expect(run.stdout).to.equal('');
  });

  it('refuses a port in use in one line naming PORT, with its fix', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
    const forum = new StandInForum();
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-proc-'));
    try {
      const run = await runMain({
        DISCOURSE_URL: await forum.start(),
        DISCOURSE_API_KEY: 'k',
        DISCOURSE_WEBHOOK_SECRET: 'twelve-chars',
        DATA_DIR: dataDir,
        PORT: String(port),
      });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.equal(
        `meetup-companion: cannot start: PORT: ${port} is in use by another process. Fix: stop that process, or set PORT to a free port\n`,
      );
    } finally {
      taken.close();
      await forum.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a body limit written with a unit in one line naming it, with its fix', async () => {
    const run = await runMain({
      DISCOURSE_URL: 'https://forum.example.test',
      DISCOURSE_API_KEY: 'k',
      DISCOURSE_WEBHOOK_SECRET: 'twelve-chars',
      WEBHOOK_BODY_LIMIT_BYTES: '2MB',
    });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(
      'meetup-companion: cannot start: WEBHOOK_BODY_LIMIT_BYTES: expected a whole number of bytes, 1024 or more. Fix: write it in bytes, e.g. 2097152 for 2 MB\n',
    );
  });

  it('refuses to run the worker alone on the embedded store', async () => {
    const run = await runMain(
      { DISCOURSE_URL: 'https://forum.example.test', DISCOURSE_API_KEY: 'k', DISCOURSE_WEBHOOK_SECRET: 'twelve-chars' },
      ['worker'],
    );
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(
      /^meetup-companion: cannot start: MONGODB_URI: required to run the worker process on its own/,
    );
  });

  it('refuses a second in-process service on the same DATA_DIR, with one line, and leaves the first running', async () => {
    const forum = new StandInForum();
    const forumUrl = await forum.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-proc-'));
    const env = {
      DISCOURSE_URL: forumUrl,
      DISCOURSE_API_KEY: 'k-for-process-test',
      DISCOURSE_WEBHOOK_SECRET: FIXTURE_SECRET,
      DATA_DIR: dataDir,
    };
    const firstPort = await freePort();
    try {
      let second: Run | null = null;
      const first = await runMain({ ...env, PORT: String(firstPort) }, [], async (child, output) => {
        for (let i = 0; i < 600 && !output().includes('meetup-companion started'); i++)
          await new Promise((r) => setTimeout(r, 50));
        second = await runMain({ ...env, PORT: String(await freePort()) });
        // The first still takes deliveries: the second never touched its intake.
        expect((await send(`http://127.0.0.1:${firstPort}`, fixture('topic_created'))).status).to.equal(202);
        child.kill('SIGTERM');
      });
      expect(first.code).to.equal(0);
      expect(second!.code).to.equal(1);
      expect(second!.stderr).to.equal(
        `meetup-companion: cannot start: DATA_DIR: ${join(dataDir, 'intake')} is in use by another process; give each in-process service its own DATA_DIR, or set REDIS_URL to run several\n`,
      );
    } finally {
      await forum.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('takes a delivery, then stops cleanly on SIGTERM', async () => {
    const forum = new StandInForum();
    const forumUrl = await forum.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-proc-'));
    const port = await freePort();
    try {
      const run = await runMain(
        {
          DISCOURSE_URL: forumUrl,
          DISCOURSE_API_KEY: 'k-for-process-test',
          DISCOURSE_WEBHOOK_SECRET: FIXTURE_SECRET,
          PORT: String(port),
          DATA_DIR: dataDir,
        },
        [],
        async (child, output) => {
          for (let i = 0; i < 600 && !output().includes('meetup-companion started'); i++)
            await new Promise((r) => setTimeout(r, 50));
          const res = await send(`http://127.0.0.1:${port}`, fixture('topic_created'));
          expect(res.status).to.equal(202);
          child.kill('SIGTERM');
        },
      );
      expect(run.code).to.equal(0);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string });
      expect(lines.map((l) => l.msg)).to.include.members([
        'meetup-companion started',
        'stopping: finishing the jobs in hand',
        'stopped',
      ]);
      expect(run.stdout).not.to.include('k-for-process-test');
    } finally {
      await forum.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
