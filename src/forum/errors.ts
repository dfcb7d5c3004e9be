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

  /** A write that may have landed although no answer said so: look before writing again. */
  get outcomeUnknown(): boolean {
    return !this.call.startsWith('GET ') && (this.status === null || this.status >= 500);
  }

  /** The key or its user is refused: nothing will work until a person fixes it. */
  get authRefused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** In dry-run, a write the service would have made; the caller records it instead. */
export class DryRunWrite extends Error {
  override name = 'DryRunWrite';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
  ) {
    super(`dry run: would ${method} ${path}`);
  }
}
