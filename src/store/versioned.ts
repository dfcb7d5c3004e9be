import type { VersionedCollection } from './types.js';

export class ConflictError extends Error {
  override name = 'ConflictError';
}

export const UNCHANGED = Symbol('unchanged');

/**
 * Read–decide–write with compare-and-set, retried on conflict. `decide` is called
 * with the freshest stored value each time and returns the next value, or UNCHANGED
 * to write nothing. Two workers can never lose each other's update.
 */
export async function updateVersioned<T>(
  collection: VersionedCollection<T>,
  id: string,
  decide: (current: T | null, version: number | null) => T | typeof UNCHANGED,
  maxAttempts = 20,
): Promise<{ value: T | null; changed: boolean; version: number | null }> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await collection.get(id);
    const next = decide(current ? current.value : null, current ? current.version : null);
    if (next === UNCHANGED)
      return { value: current ? current.value : null, changed: false, version: current?.version ?? null };
    const version = await collection.put(id, next, current ? current.version : null);
    if (version !== null) return { value: next, changed: true, version };
  }
  throw new ConflictError(`gave up writing ${id} after ${maxAttempts} concurrent updates`);
}
