import { createHash } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { classifyDelivery, type DeliveryHeaders } from '../events/classify.js';
import type { CategoryDirectory } from '../forum/categories.js';
import type { DeliveryOutcome, Metrics } from '../metrics.js';
import { QueueUnavailableError, type DeliveryJob, type JobQueue } from '../queue/types.js';
import type { RulesConfig } from '../config/rules-config.js';
import { readCommand } from '../rules/lifecycle.js';
import { parseSignatureHeader, signatureMatches } from './signature.js';

export interface WebhookDeps {
  secrets: readonly string[];
  bodyLimitBytes: number;
  queue: JobQueue;
  categories: CategoryDirectory;
  metrics: Metrics;
  /** Approver commands: the only private-message posts worth a job. */
  commands: RulesConfig['approval']['commands'];
  clock?: () => Date;
}

/**
 * The same forum event has the same key whatever its delivery: automatic retries and
 * manual redeliveries resend the stored body byte for byte (contract §1.5).
 */
export function contentKey(instance: string, event: string, body: Buffer): string {
  return createHash('sha256').update(instance).update('\n').update(event).update('\n').update(body).digest('hex');
}

function header(req: Request, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value.trim() : '';
}

function answer(res: Response, metrics: Metrics, outcome: DeliveryOutcome, status: number, body: Record<string, unknown>): void {
  metrics.deliveries.inc({ outcome });
  res.status(status).json(body);
}

/**
 * POST /webhooks/discourse. Order matters: the signature header is checked before the
 * body is read, the size before it is read in full, the HMAC before it is parsed, and
 * nothing is queued unless all of that passed. Never 404/410: the forum would disable
 * the webhook (contract §1.5).
 */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  const clock = deps.clock ?? (() => new Date());

  router.post(
    '/webhooks/discourse',
    (req, res, next) => {
      if (!parseSignatureHeader(req.headers['x-discourse-event-signature'])) {
        answer(res, deps.metrics, 'unauthorized', 401, { error: 'missing or malformed X-Discourse-Event-Signature' });
        return;
      }
      next();
    },
    // Every content type is read raw: Discourse sends JSON even when the hook is set to form encoding.
    express.raw({ type: () => true, limit: deps.bodyLimitBytes }),
    async (req, res) => {
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = parseSignatureHeader(req.headers['x-discourse-event-signature'])!;
      if (!signatureMatches(signature, body, deps.secrets)) {
        answer(res, deps.metrics, 'unauthorized', 401, { error: 'signature does not match the body' });
        return;
      }

      const event = header(req, 'x-discourse-event');
      const eventType = header(req, 'x-discourse-event-type');
      if (!event || !eventType) {
        answer(res, deps.metrics, 'bad_request', 400, { error: 'X-Discourse-Event and X-Discourse-Event-Type are required' });
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        answer(res, deps.metrics, 'bad_request', 400, { error: 'body is not JSON' });
        return;
      }

      const headers: DeliveryHeaders = {
        event,
        eventType,
        eventId: Number.parseInt(header(req, 'x-discourse-event-id'), 10) || 0,
        instance: header(req, 'x-discourse-instance'),
      };
      const classified = classifyDelivery(headers, parsed);
      if (classified.outcome === 'invalid') {
        answer(res, deps.metrics, 'bad_request', 400, { error: classified.reason });
        return;
      }
      if (classified.outcome === 'ignore') {
        answer(res, deps.metrics, 'ignored', 200, { status: 'ignored', reason: classified.reason });
        return;
      }
      const observation = classified.observation;
      if (observation.kind === 'pm_post' && !readCommand(observation.post.raw, deps.commands)) {
        answer(res, deps.metrics, 'ignored', 200, { status: 'ignored', reason: 'private message' });
        return;
      }
      if (observation.kind === 'category') deps.categories.invalidate();
      // Posts outside the watched tree are dropped here when the tree is already known;
      // topic events always pass, since a watched topic may just have moved out.
      const tree = deps.categories.cached();
      if (tree && (observation.kind === 'post' || observation.kind === 'like') && !tree.watched.has(observation.post.topic.categoryId ?? -1)) {
        answer(res, deps.metrics, 'ignored', 200, { status: 'ignored', reason: 'category not watched' });
        return;
      }

      const job: DeliveryJob = {
        kind: 'delivery',
        key: contentKey(headers.instance, event, body),
        event,
        eventId: headers.eventId,
        receivedAt: clock().toISOString(),
        observation,
      };
      try {
        const queued = await deps.queue.enqueue(job);
        if (queued === 'duplicate') answer(res, deps.metrics, 'duplicate', 200, { status: 'ignored', reason: 'duplicate delivery' });
        else answer(res, deps.metrics, 'accepted', 202, { status: 'accepted' });
      } catch (err) {
        const why = err instanceof QueueUnavailableError ? err.message : 'cannot store the delivery right now';
        req.log?.warn({ err: why }, 'delivery not stored; answered 503 so the forum may retry');
        answer(res, deps.metrics, 'unavailable', 503, { error: 'cannot store the delivery right now; try again' });
      }
    },
  );
  return router;
}
