/**
 * A failed forum call, said for people: which call, what the forum answered, and
 * whether trying again can help. Built from the status and body only, never from
 * the request, so the API key cannot travel with it into a log.
 */
export class ForumError extends Error {
  override name = 'ForumError';
  constructor(
    readonly call: string,
    readonly status: number | null,
    readonly reason: string,
    /** 429, 5xx, timeouts and resets: the same call may succeed later. */
    readonly retryable: boolean,
    /** From Retry-After or extras.wait_seconds on a 429. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${call} failed: ${status === null ? '' : `${status} `}${reason}`);
  }
}
