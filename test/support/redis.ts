import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * Queue tests use a real Redis: TEST_REDIS_URL, else 127.0.0.1:6379. If nothing answers
 * there, a private redis-server is started when one is installed; otherwise the tests
 * fail with a message that says how to get one.
 */
let shared: { url: string; owned: PrivateRedis | null } | null = null;

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function redisUrl(): Promise<string> {
  if (shared) return shared.url;
  const candidate = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answers(candidate)) {
    shared = { url: candidate, owned: null };
    return candidate;
  }
  const owned = await PrivateRedis.start();
  shared = { url: owned.url, owned };
  return owned.url;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** How often the append-only file is flushed: `always` before each answer, as the fault suite needs; `everysec` as many deployments run. */
export type RedisFsync = 'always' | 'everysec';

/** A redis-server of the test's own, which it may stop and start again on the same port. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    /** With a directory: an append-only file, so a restart keeps the queue (docs/spec/reliability.md §2). */
    private readonly dir: string | null,
    private readonly fsync: RedisFsync,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The running server's process id: the benchmark counts its core time. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  static async start(options: { port?: number; dir?: string; fsync?: RedisFsync } = {}): Promise<PrivateRedis> {
    if (spawnSync('redis-server', ['--version']).error) {
      throw new Error(
        'Redis is not answering on 127.0.0.1:6379 and redis-server is not installed: install it (apt-get install redis-server) or set TEST_REDIS_URL',
      );
    }
    const redis = new PrivateRedis(options.port ?? (await freePort()), options.dir ?? null, options.fsync ?? 'always');
    await redis.resume();
    return redis;
  }

  async resume(): Promise<void> {
    // Running already: a second server would find the port taken by the first, which
    // answers the readiness check, and this one would be left running after stop().
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const persistence = this.dir
      ? ['--dir', this.dir, '--appendonly', 'yes', '--appendfsync', this.fsync]
      : ['--appendonly', 'no'];
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        ...persistence,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await answers(this.url)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`private redis-server on port ${this.port} did not start`);
  }

  /** SIGKILL by default; SIGTERM lets a durable server write its file first (a restart). */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    this.child = null;
  }
}

export async function stopSharedRedis(): Promise<void> {
  await shared?.owned?.stop();
  shared = null;
}
