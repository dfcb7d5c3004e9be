import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { freePort } from './redis.js';

const run = promisify(execFile);

/**
 * The MongoDB the Mongo-backed tests use: TEST_MONGODB_URI, else MONGODB_URI (a replica
 * set: the store needs retryable writes). `bash scripts/test-mongodb.sh start` starts one
 * and prints its URI; `.ci/run` does, and sets it for those suites only.
 */
export function testMongoUri(): string | null {
  return process.env.TEST_MONGODB_URI || process.env.MONGODB_URI || null;
}

export const NO_MONGODB =
  'needs MongoDB: set TEST_MONGODB_URI (bash scripts/test-mongodb.sh start prints one; .ci/run sets it)';

/**
 * In place of a MongoDB suite when there is no MongoDB: one skipped test that says how to
 * get one, or, with REQUIRE_MONGODB=1 (.ci/run sets it for the MongoDB suites), one failing
 * test, so a run that was meant to reach MongoDB cannot pass without it.
 */
export function withoutMongo(): void {
  if (process.env.REQUIRE_MONGODB === '1')
    it(`REQUIRE_MONGODB=1: ${NO_MONGODB}`, () => {
      throw new Error(`REQUIRE_MONGODB=1 but neither TEST_MONGODB_URI nor MONGODB_URI is set: ${NO_MONGODB}`);
    });
  else it.skip(NO_MONGODB, () => undefined);
}

/** A suite that runs against MongoDB, or stands in for it when there is none (see `withoutMongo`). */
export function describeWithMongo(title: string, body: (uri: string) => void): void {
  const uri = testMongoUri();
  describe(title, function () {
    if (!uri) withoutMongo();
    else body.call(this, uri);
  });
}

/** The same server, another database: each test keeps its data apart and drops it after. */
export function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops every collection whose name starts with `prefix` (a test's own). */
export async function dropPrefixed(uri: string, prefix: string): Promise<void> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const names = await client.db().listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of names) if (name.startsWith(prefix)) await client.db().collection(name).drop();
  } finally {
    await client.close();
  }
}

/**
 * Empties every collection whose name starts with `prefix`, keeping the collections and
 * their indexes: the server under Wine has crashed in the middle of many drops, so a suite
 * empties between its tests and drops once, at its end.
 */
export async function emptyPrefixed(uri: string, prefix: string): Promise<void> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const names = await client.db().listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of names) if (name.startsWith(prefix)) await client.db().collection(name).deleteMany({});
  } finally {
    await client.close();
  }
}

export async function dropDatabase(uri: string): Promise<void> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}

const SCRIPT = 'scripts/test-mongodb.sh';

/**
 * A mongod of the test's own (the fault suite kills it), started by the same script as
 * the shared one, on a free port with a data directory of its own: SIGKILLed, then
 * started again on the same data, it recovers from its journal like a primary that went away.
 */
export class PrivateMongo {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly dir: string,
    readonly uri: string,
  ) {}

  static async start(): Promise<PrivateMongo> {
    const dir = mkdtempSync(join(tmpdir(), 'mc-mongod-'));
    const env = { ...process.env, MC_MONGODB_PORT: String(await freePort()), MC_MONGODB_RUN_DIR: dir };
    const mongo = new PrivateMongo(env, dir, '');
    const uri = await mongo.script('start');
    return new PrivateMongo(env, dir, uri);
  }

  private async script(command: string): Promise<string> {
    const { stdout } = await run('bash', [SCRIPT, command], { env: this.env, timeout: 180_000 });
    return stdout.trim().split('\n').at(-1) ?? '';
  }

  /** SIGKILL: no shutdown, the journal is all it keeps. */
  async kill(): Promise<void> {
    await this.script('kill');
  }

  /** Started again on the same data; resolves once it is primary again. */
  async resume(): Promise<void> {
    await this.script('start');
  }

  async stop(): Promise<void> {
    await this.script('stop');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
