import { ClassicLevel } from 'classic-level';
import { ConfigError } from '../config/env.js';
import type { LeftBatches } from './types.js';

/**
 * The LevelDB directory the intake used before it became a log of its own (log-intake.ts).
 * Kept open from the intake's open to its close for two reasons: its LOCK (an flock,
 * which the kernel frees when the process dies, even by SIGKILL, so a restart never finds
 * a stale lock) keeps a second in-process service off the same data; and the batches an
 * earlier version acknowledged and left in it are handed over once.
 */
export class LevelDirectory<J> {
  private db: ClassicLevel<string, J[]> | null = null;

  constructor(private readonly path: string) {}

  /** Rejects with one line to show when another process holds the directory. */
  async acquire(): Promise<void> {
    const db = new ClassicLevel<string, J[]>(this.path, { keyEncoding: 'utf8', valueEncoding: 'json' });
    try {
      await db.open();
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new ConfigError(
          `DATA_DIR: ${this.path} is in use by another process; give each in-process service its own DATA_DIR, or set REDIS_URL to run several`,
        );
      }
      throw err;
    }
    this.db = db;
  }

  /** Its batches, in key order (a fixed-width sequence number first): the order they were acknowledged in. */
  async left(): Promise<LeftBatches<J>> {
    const db = this.db;
    if (!db) return [];
    const batches: LeftBatches<J> = [];
    for await (const [key, jobs] of db.iterator()) batches.push({ jobs, drop: () => db.del(key) });
    return batches;
  }

  async release(): Promise<void> {
    const db = this.db;
    this.db = null;
    await db?.close();
  }
}
