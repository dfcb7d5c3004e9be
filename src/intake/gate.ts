const RECEIVING_MS = 1000;

export interface IngestGateOptions {
  /** Deliveries this far apart or more leave background work alone. */
  quietMs?: number;
  /** Background work waits no longer than this for a quiet moment: it always progresses. */
  maxWaitMs?: number;
  now?: () => number;
}

/**
 * Acknowledging deliveries goes before background work that shares the process. Under a
 * burst, the forum waits for each answer, and the work the answers leave behind (moving
 * them into the queue, running their jobs) is durable already and can wait. Every
 * lmdb write or Redis call of that work lengthens the commit or the round trip that
 * in-flight answers wait for. So background steps ask for a `turn()`, which comes once
 * no delivery has arrived for `quietMs`, or after `maxWaitMs` whatever happens. At any
 * rate a forum really sends (deliveries tens of milliseconds apart), nothing waits. A
 * worker process of its own never sees a delivery, so it never waits either.
 */
export class IngestGate {
  private lastDelivery = Number.NEGATIVE_INFINITY;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(options: IngestGateOptions = {}) {
    this.quietMs = options.quietMs ?? 20;
    this.maxWaitMs = options.maxWaitMs ?? 250;
    this.now = options.now ?? (() => performance.now());
  }

  /** A delivery is being acknowledged. */
  delivery(): void {
    this.lastDelivery = this.now();
  }

  /** Whether this process acknowledged a delivery within the last second: it is taking a burst. */
  receiving(): boolean {
    return this.now() - this.lastDelivery < RECEIVING_MS;
  }

  turn(): Promise<void> {
    const since = this.now() - this.lastDelivery;
    if (since >= this.quietMs) return Promise.resolve();
    const giveUpAt = this.now() + this.maxWaitMs;
    return new Promise((resolve) => {
      const check = () => {
        const now = this.now();
        const quiet = now - this.lastDelivery;
        if (quiet >= this.quietMs || now >= giveUpAt) return resolve();
        setTimeout(check, Math.min(this.quietMs - quiet, giveUpAt - now));
      };
      setTimeout(check, this.quietMs - since);
    });
  }
}
