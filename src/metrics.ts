import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'ignored' | 'unauthorized' | 'bad_request' | 'too_large' | 'unavailable';

/** One registry per app instance, so tests can run several side by side. */
export class Metrics {
  readonly registry = new Registry();
  readonly deliveries = new Counter({
    name: 'meetup_companion_deliveries_total',
    help: 'Webhook deliveries received, by how they were answered',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'meetup_companion_job_duration_seconds',
    help: 'Time spent handling one queued job, by result',
    labelNames: ['kind', 'result'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });
  readonly queueDepth: Gauge;

  constructor(depth: () => Promise<number>) {
    collectDefaultMetrics({ register: this.registry });
    this.queueDepth = new Gauge({
      name: 'meetup_companion_queue_depth',
      help: 'Jobs waiting, delayed or running',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await depth());
        } catch {
          this.set(Number.NaN);
        }
      },
    });
    for (const outcome of ['accepted', 'duplicate', 'ignored', 'unauthorized', 'bad_request', 'too_large', 'unavailable'] as const) {
      this.deliveries.inc({ outcome }, 0);
    }
  }
}
