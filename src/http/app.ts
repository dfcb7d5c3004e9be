import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { RulesConfig } from '../config/rules-config.js';
import type { CommandWords } from '../events/command.js';
import type { CategoryDirectory } from '../forum/categories.js';
import type { ForumHealth } from '../forum/client.js';
import type { AppStore } from '../jobs/context.js';
import type { Job } from '../jobs/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { JobQueue } from '../queue/types.js';
import { apiRouter } from './api.js';
import { calendarRouter } from './calendar.js';
import { healthRouter } from './health.js';
import { createWebhookHandler } from './webhook.js';

export interface AppDeps {
  secrets: readonly string[];
  bodyLimitBytes: number;
  adminToken: string | undefined;
  queue: JobQueue<Job>;
  store: AppStore;
  categories: CategoryDirectory;
  metrics: Metrics;
  logger: Logger;
  commands: CommandWords;
  /** For the meetups' calendar files. */
  rules: RulesConfig;
  forumUrl: string;
  publicUrl: string | null;
  clock?: () => Date;
  /** How the forum answered its last call (ForumClient.health), shown by /readyz. */
  forumHealth?: () => ForumHealth;
}

const WEBHOOK_ROUTE = '/webhooks/discourse';

/**
 * The service's request listener: deliveries go straight to the webhook handler on
 * node:http; everything else (health, metrics, the API) goes through express.
 */
export function createRequestListener(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const webhook = createWebhookHandler({
    ...deps,
    answers: deps.rules.lifecycle.answers,
    knownTopic: (topicId) => deps.store.topics.has(String(topicId)),
  });
  const app = createApp(deps);
  return (req, res) => {
    if (req.method === 'POST' && isWebhookPath(req.url)) webhook(req, res);
    else void app(req, res);
  };
}

/** The route with or without a query string, without splitting every delivery's URL. */
function isWebhookPath(url: string | undefined): boolean {
  return (
    url !== undefined &&
    url.startsWith(WEBHOOK_ROUTE) &&
    (url.length === WEBHOOK_ROUTE.length || url[WEBHOOK_ROUTE.length] === '?')
  );
}

function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Deliveries never come this way (createRequestListener): their lines are named by the webhook handler.
      genReqId: () => randomUUID(),
      serializers: {
        // Only what helps an operator: never headers (the signature) nor bodies.
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  // Deliveries are POSTed; anything else at the route is a person or a probe, told what it takes.
  app.all(WEBHOOK_ROUTE, (_req, res) => {
    res.set('Allow', 'POST').status(405).json({ error: 'the forum POSTs its webhooks here; nothing else is served' });
  });
  app.use(healthRouter(deps));
  app.use(
    apiRouter({
      store: deps.store,
      adminToken: deps.adminToken,
      queue: deps.queue,
      rules: deps.rules,
      clock: deps.clock,
    }),
  );
  app.use(calendarRouter(deps));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (
    err: { status?: unknown; expose?: boolean; message?: string },
    req,
    res,
    _next,
  ) => {
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: err.expose ? err.message : 'bad request' });
      return;
    }
    req.log?.error({ err }, 'unhandled error');
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}
