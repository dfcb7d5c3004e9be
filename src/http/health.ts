import express, { type Router } from 'express';
import type { ForumHealth } from '../forum/client.js';
import type { Metrics } from '../metrics.js';
import { withTimeout } from '../intake/deadline.js';
import type { AppStore } from '../jobs/context.js';
import type { Job } from '../jobs/types.js';
import type { JobQueue } from '../queue/types.js';

export function healthRouter(deps: {
  queue: JobQueue<Job>;
  store: AppStore;
  metrics: Metrics;
  forumUrl: string;
  forumHealth?: () => ForumHealth;
}): Router {
  const router = express.Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.allSettled([
      withTimeout(deps.queue.ping(), 1000, 'queue ping'),
      withTimeout(deps.store.ping(), 1000, 'store ping'),
    ]);
    const [queue, store] = checks.map((c) =>
      c.status === 'fulfilled' ? 'ok' : `failing: ${(c.reason as Error)?.message ?? c.reason}`,
    );
    const ready = queue === 'ok' && store === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      queue: { backend: deps.queue.kind, status: queue },
      store: { backend: deps.store.kind, status: store },
      // Information, not readiness: deliveries are still taken while the forum is away, and worked off once it is back.
      ...(deps.forumHealth ? { forum: forumInfo(deps.forumUrl, deps.forumHealth()) } : {}),
    });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}

/** The forum as its last call found it; no call is made for a probe, which would spend the forum's budget. */
function forumInfo(url: string, health: ForumHealth): Record<string, string> {
  switch (health.status) {
    case 'not asked yet':
      return { url, status: 'not asked yet' };
    case 'answers':
      return { url, status: 'answers', lastCall: health.call, at: health.at };
    case 'fails':
      return {
        url,
        status: `failing: ${health.reason}. Fix: check DISCOURSE_URL and that this machine reaches the forum`,
        lastCall: health.call,
        at: health.at,
      };
  }
}
