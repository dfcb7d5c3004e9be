/** One appended batch of the intake, as `oldest` returns it; `id` is what `remove` takes. */
export interface IntakeBatch<J> {
  id: string;
  jobs: J[];
}

/**
 * Where acknowledged deliveries wait, in the batch they arrived with, until they are
 * admitted to the queue. Appending is one durable write per batch however many
 * deliveries it holds, so a burst costs the receiver little per delivery. A batch is
 * removed only after all its jobs were admitted, and admission is idempotent by key:
 * a crash in between admits them again and changes nothing.
 */
export interface Intake<J> {
  /**
   * Takes what the intake needs before its first append (the embedded one's file lock),
   * so that a second process on the same data stops at start-up, not at its first delivery.
   */
  ready?(): Promise<void>;
  /** Resolves once the batch would survive a crash. */
  append(jobs: J[]): Promise<void>;
  /** The oldest batches, first appended first. */
  oldest(limit: number): Promise<Array<IntakeBatch<J>>>;
  /** Removing a batch already removed is a no-op. */
  remove(id: string): Promise<void>;
  /** Jobs waiting in the intake. */
  count(): Promise<number>;
}

/** Batches an earlier version left behind, oldest first; `drop` forgets one where it was, once it is in this intake. */
export type LeftBatches<J> = Array<{ jobs: J[]; drop(): Promise<void> }>;
