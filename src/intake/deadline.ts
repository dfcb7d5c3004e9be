/**
 * Thrown when a delivery or a job cannot be stored durably right now (the store is away
 * or too slow). The receiver answers 503 with it, so the forum tries again later.
 */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
}

/** Rejects once `ms` have passed, counting `spentMs` already spent waiting before the call. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, spentMs = 0): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnavailableError(`${what} took longer than ${ms} ms`)),
      Math.max(0, ms - spentMs),
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A durable write bounded by `ms`. Any failure to store, or a store too slow, is an
 * UnavailableError naming `what`.
 */
export async function storeWithin<T>(write: Promise<T>, ms: number, what: string, spentMs = 0): Promise<T> {
  try {
    return await withTimeout(write, ms, what, spentMs);
  } catch (err) {
    throw err instanceof UnavailableError
      ? err
      : new UnavailableError(`${what}: ${(err as Error)?.message ?? String(err)}`);
  }
}
