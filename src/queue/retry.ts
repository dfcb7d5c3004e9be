import type { RetryPolicy } from './types.js';

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 12,
  // 1 s, 2 s, 4 s … capped at 10 min: enough to ride out a forum or disk outage of an hour or more.
  delayMs: (attempt) => Math.min(1000 * 2 ** (attempt - 1), 10 * 60_000),
};
