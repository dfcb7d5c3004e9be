import type { Redis } from 'ioredis';
import {
  MemorySlidingWindowRateLimiter,
  RedisSlidingWindowRateLimiter,
  type SlidingWindowRateLimiterBackend,
  type Redis as LimiterRedis,
} from 'sliding-window-rate-limiter';

const KEY = 'meetup-companion:forum-budget';
const PAUSE_KEY = 'meetup-companion:forum-pause';

/**
 * One budget for every call to the forum. The forum counts admin API calls in a sliding
 * minute shared by all admin keys of the site (docs/spec/discourse-contract.md §5.2), so the budget is a sliding
 * window too: a fixed window would let twice the limit through around its edge. With
 * Redis the window and any pause after a 429 are shared by every process.
 */
export interface ForumBudget {
  /** Resolves when one more call fits in the window; waits as long as it must. */
  take(): Promise<void>;
  /** Nobody calls the forum for `ms`: it answered 429 and said how long to wait. */
  pause(ms: number): Promise<void>;
  close(): void;
}

export interface BudgetOptions {
  perMinute: number;
  /** Test seam; real time otherwise (fake timers replace it in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Keys of their own, so that tests sharing one Redis do not share a budget. */
  keyPrefix?: string;
}

/**
 * The window the budget counts in: the forum's minute plus a second. The forum counts a
 * call when it arrives, the budget when it leaves; the extra second absorbs the network's
 * jitter between the two, so the forum never sees more than the budget in its own minute.
 */
export const BUDGET_WINDOW_MS = 61_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

abstract class SlidingBudget implements ForumBudget {
  protected readonly sleep: (ms: number) => Promise<void>;
  protected readonly key: string;
  protected readonly pauseKey: string;

  constructor(
    protected readonly limiter: SlidingWindowRateLimiterBackend,
    protected readonly options: BudgetOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.key = `${options.keyPrefix ?? ''}${KEY}`;
    this.pauseKey = `${options.keyPrefix ?? ''}${PAUSE_KEY}`;
  }

  protected abstract pausedFor(): Promise<number>;
  abstract pause(ms: number): Promise<void>;

  async take(): Promise<void> {
    for (;;) {
      const paused = await this.pausedFor();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      const reserved = await this.limiter.reserve(this.key, this.options.perMinute);
      if (reserved.token !== undefined) return;
      // `reset` is when the oldest call leaves the window; a small floor avoids a hot loop.
      await this.sleep(Math.max(50, reserved.reset ?? 1000));
    }
  }

  close(): void {
    this.limiter.destroy();
  }
}

export class MemoryBudget extends SlidingBudget {
  private pausedUntil = 0;

  constructor(options: BudgetOptions) {
    super(new MemorySlidingWindowRateLimiter({ interval: BUDGET_WINDOW_MS }), options);
  }

  protected async pausedFor(): Promise<number> {
    return Math.max(0, this.pausedUntil - Date.now());
  }

  async pause(ms: number): Promise<void> {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}

export class RedisBudget extends SlidingBudget {
  constructor(
    private readonly redis: Redis,
    options: BudgetOptions,
  ) {
    // The limiter keeps its window in a sorted set, timed by the Redis server's clock.
    super(
      new RedisSlidingWindowRateLimiter({
        redis: redis as unknown as LimiterRedis,
        interval: BUDGET_WINDOW_MS,
        operationTimeout: 2000,
      }),
      options,
    );
  }

  /** A TTL, not a timestamp: processes on machines with different clocks agree on it. */
  protected async pausedFor(): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.pauseKey));
  }

  async pause(ms: number): Promise<void> {
    const left = await this.redis.pttl(this.pauseKey);
    if (left < ms) await this.redis.set(this.pauseKey, '1', 'PX', Math.max(1, Math.ceil(ms)));
  }
}
