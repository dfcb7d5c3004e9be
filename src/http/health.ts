import express, { type Router } from 'express';
import type { Metrics } from '../metrics.js';
import { withTimeout, type JobQueue } from '../queue/types.js';
import type { AppStore } from '../store/index.js';

export function healthRouter(deps: { queue: JobQueue; store: AppStore; metrics: Metrics }): Router {
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
    });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
