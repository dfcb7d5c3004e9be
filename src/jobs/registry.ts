import { randomUUID } from 'node:crypto';
import { jobLogName, type JobHandler } from '../queue/types.js';
import type { JobContext } from './context.js';
import * as delivery from './delivery.js';
import * as effects from './effects.js';
import * as lifecycle from './lifecycle.js';
import * as overview from './overview.js';
import * as reconcile from './reconcile.js';
import * as reevaluate from './reevaluate.js';
import * as resync from './resync.js';
import type { Job, JobKind, JobResult } from './types.js';

type Handler<K extends JobKind> = (job: Extract<Job, { kind: K }>, ctx: JobContext) => Promise<JobResult>;

/** One handler per job kind, one file each: a new kind is a new file and a line here. */
export const handlers: { [K in JobKind]: Handler<K> } = {
  delivery: delivery.handle,
  effects: effects.handle,
  resync: resync.handle,
  reconcile: reconcile.handle,
  reevaluate: reevaluate.handle,
  lifecycle: lifecycle.handle,
  overview: overview.handle,
};

/** Runs any job with its kind's handler, with one log context and one duration metric. */
export function createJobHandler(ctx: JobContext): JobHandler<Job> {
  return async (job, attempt) => {
    const started = process.hrtime.bigint();
    let result: JobResult | 'error' = 'error';
    const run: JobContext = {
      ...ctx,
      // A lease belongs to one job run, not to the process: jobs of one process run side by side.
      owner: `${ctx.owner}/${randomUUID()}`,
      // Every line a job logs names it whole: a delivery by the forum's delivery id, as the receiver's line does.
      logger: ctx.logger.child({ job: jobLogName(job) }),
    };
    try {
      // The registry's type pairs each kind with its handler; TypeScript cannot follow that through an index.
      const handle = handlers[job.kind] as (job: Job, ctx: JobContext) => Promise<JobResult>;
      result = await handle(job, run);
      run.logger.debug({ kind: job.kind, attempt, result }, 'job done');
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      ctx.metrics?.jobDuration.observe({ kind: job.kind, result }, seconds);
    }
  };
}
