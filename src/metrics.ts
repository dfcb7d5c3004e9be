import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type DeliveryOutcome = 'accepted' | 'ignored' | 'unauthorized' | 'bad_request' | 'too_large' | 'unavailable';

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
  readonly forumCalls = new Counter({
    name: 'meetup_companion_forum_calls_total',
    help: 'Calls to the forum API, by method and outcome (ok, an HTTP status, timeout, network, dry_run)',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly alerts = new Counter({
    name: 'meetup_companion_alerts_total',
    help: 'Problems a person must fix (a refused API key, a write the forum rejects), by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly effects = new Counter({
    name: 'meetup_companion_effects_total',
    help: 'Forum effects, by kind and outcome (done, adopted, skipped_unchanged, planned, failed)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly queueDepth: Gauge;

  constructor(depth: () => Promise<number>) {
    collectDefaultMetrics({ register: this.registry });
    this.queueDepth = new Gauge({
      name: 'meetup_companion_queue_depth',
      help: 'Jobs waiting, delayed or running, in the intake or the queue (a job the mover is taking across may count twice for a moment; 0 means none waits)',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await depth());
        } catch {
          this.set(Number.NaN);
        }
      },
    });
    for (const reason of ['forum_auth', 'forum_rejected']) this.alerts.inc({ reason }, 0);
    for (const outcome of ['accepted', 'ignored', 'unauthorized', 'bad_request', 'too_large', 'unavailable'] as const) {
      this.deliveries.inc({ outcome }, 0);
    }
  }
}
