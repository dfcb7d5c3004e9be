import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ClassicLevel } from 'classic-level';
import { deliveryHeaders } from '../support/fixtures.js';
import { freePort } from '../support/redis.js';

const SECRET = 'floor-test-secret-0123';

/** The durable floor of the ingest benchmark must be what it claims: nothing answered 202 that is not on disk. */
describe('ingest benchmark: the durable floor (bench/servers/durable.ts)', function () {
  this.timeout(30_000);
  let dir: string;
  let child: ChildProcess | null = null;
  let url: string;

  async function start(write: 'dsync' | 'level'): Promise<void> {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/durable.ts'], {
      env: {
        ...process.env,
        DISCOURSE_WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        DATA_DIR: dir,
        DURABLE_WRITE: write,
        DURABLE_FILE_MB: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child!.once('exit', (code) => reject(new Error(`durable.ts exited with ${code}`)));
    });
    url = `http://127.0.0.1:${port}/webhooks/discourse`;
  }

  async function stop(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child!.once('exit', resolve);
      child!.kill('SIGTERM');
    });
  }

  const post = (body: string, secret = SECRET) =>
    fetch(url, {
      method: 'POST',
      body,
      headers: deliveryHeaders({ event: 'post_created', eventType: 'post', eventId: 1, body, secret }),
    }).then((r) => r.status);

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mc-floor-'))));
  afterEach(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('O_DSYNC: answers 202 once the bodies are in its file, in order; 401 for a wrong signature, 400 for a body that is not JSON', async () => {
    await start('dsync');
    const bodies = ['{"post":{"id":1}}', '{"post":{"id":2}}'];
    for (const body of bodies) expect(await post(body)).to.equal(202);
    expect(await post('{"post":{"id":3}}', 'another-secret-0123')).to.equal(401);
    expect(await post('not json')).to.equal(400);
    const file = readFileSync(join(dir, 'durable.log'));
    expect(file.length).to.equal(1 << 20);
    expect(file.subarray(0, bodies.join('').length).toString()).to.equal(bodies.join(''));
  });

  it('LevelDB: answers 202 once the bodies are in a synced put', async () => {
    await start('level');
    expect(await post('{"post":{"id":1}}')).to.equal(202);
    await stop();
    const db = new ClassicLevel<string, string>(join(dir, 'durable-level'), { valueEncoding: 'utf8' });
    try {
      expect(await db.values().all()).to.deep.equal(['{"post":{"id":1}}']);
    } finally {
      await db.close();
    }
  });
});
