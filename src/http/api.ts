import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { UnavailableError } from '../intake/deadline.js';
import type { AppStore } from '../jobs/context.js';
import type { Job } from '../jobs/types.js';
import type { JobQueue } from '../queue/types.js';
import type { RulesConfig } from '../config/rules-config.js';
import { meetupJson, meetupsJson } from '../texts/meetup-json.js';
import { proposalJson } from '../texts/proposal-json.js';

const STATES = ['gathering', 'stalled', 'awaiting_approval', 'approved', 'opened', 'rejected', 'withdrawn'] as const;
const listQuery = z.object({ state: z.enum(STATES).optional() });
const topicParam = z.object({ topicId: z.coerce.number().int().positive() });
const categoryParam = z.object({ categoryId: z.coerce.number().int().positive() });

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Bearer-token guard; hashing both sides gives equal lengths for a constant-time compare. */
function requireToken(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : null;
  return (req, res, next) => {
    if (!expected) {
      res.status(404).json({ error: 'the read API is off; set ADMIN_TOKEN to enable it' });
      return;
    }
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      res.status(401).json({ error: 'send Authorization: Bearer <ADMIN_TOKEN>' });
      return;
    }
    next();
  };
}

export function apiRouter(deps: {
  store: AppStore;
  adminToken: string | undefined;
  queue: JobQueue<Job>;
  rules: RulesConfig;
  clock?: () => Date;
}): Router {
  const router = express.Router();
  const now = () => deps.clock?.() ?? new Date();
  router.use('/api', requireToken(deps.adminToken));

  router.get('/api/proposals', async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: `state must be one of ${STATES.join(', ')}` });
      return;
    }
    const all = (await deps.store.proposals.list()).map((p) => p.value);
    const at = now();
    const proposals = all
      .filter((p) => !query.data.state || p.state === query.data.state)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.topicId - a.topicId)
      .map((p) => proposalJson(p, deps.rules, at));
    res.json({ proposals });
  });

  router.get('/api/proposals/:topicId', async (req, res) => {
    const params = topicParam.safeParse(req.params);
    if (!params.success) {
      res.status(400).json({ error: 'topicId must be a positive integer' });
      return;
    }
    const found = await deps.store.proposals.get(String(params.data.topicId));
    if (!found) {
      res.status(404).json({ error: `no proposal for topic ${params.data.topicId}` });
      return;
    }
    res.json(proposalJson(found.value, deps.rules, now()));
  });

  // Any topic id: a thread the service never heard of (a missed delivery) is exactly what a resync is for.
  router.post('/api/proposals/:topicId/resync', async (req, res) => {
    const params = topicParam.safeParse(req.params);
    if (!params.success) {
      res.status(400).json({ error: 'topicId must be a positive integer' });
      return;
    }
    const topicId = params.data.topicId;
    const key = `resync:${topicId}:api:${now().getTime()}`;
    try {
      await deps.queue.enqueue({ kind: 'resync', key, topicId, reason: 'api' });
    } catch (err) {
      if (!(err instanceof UnavailableError)) throw err;
      res.status(503).json({ error: `cannot queue the resync now: ${err.message}` });
      return;
    }
    res.status(202).json({ status: 'accepted', topicId, job: key });
  });

  router.get('/api/meetups', async (_req, res) => {
    const meetups = meetupsJson(
      (await deps.store.meetups.list()).map((m) => m.value),
      now(),
    );
    res.json({ meetups });
  });

  router.get('/api/meetups/:categoryId', async (req, res) => {
    const params = categoryParam.safeParse(req.params);
    if (!params.success) {
      res.status(400).json({ error: 'categoryId must be a positive integer' });
      return;
    }
    const found = await deps.store.meetups.get(String(params.data.categoryId));
    if (!found || found.value.gone) {
      res.status(404).json({ error: `no meetup has category ${params.data.categoryId}` });
      return;
    }
    res.json(meetupJson(found.value, now()));
  });

  return router;
}
