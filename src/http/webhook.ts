import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnswerWords } from '../events/answer.js';
import type { CommandWords } from '../events/command.js';
import { categoryIdOf, classifyDelivery, type DeliveryHeaders } from '../events/classify.js';
import { scopeOf } from '../events/scope.js';
import type { CategoryDirectory } from '../forum/categories.js';
import { UnavailableError } from '../intake/deadline.js';
import type { DeliveryJob, Job } from '../jobs/types.js';
import { requestLineWriter, type Logger } from '../log.js';
import type { DeliveryOutcome, Metrics } from '../metrics.js';
import type { JobQueue } from '../queue/types.js';
import { parseSignatureHeader, signatureMatches } from './signature.js';

export interface WebhookDeps {
  secrets: readonly string[];
  bodyLimitBytes: number;
  queue: JobQueue<Job>;
  categories: CategoryDirectory;
  /** Whether the service keeps a snapshot of a topic: one that moved out of the watched tree still matters. */
  knownTopic(topicId: number): Promise<boolean>;
  metrics: Metrics;
  /** Approver commands and check-in answers: the only private-message posts worth a job. */
  commands: CommandWords;
  answers?: AnswerWords | null;
  clock?: () => Date;
  logger: Logger;
}

/**
 * The same forum event has the same key whatever its delivery: automatic retries and
 * manual redeliveries resend the stored body byte for byte, signed with the same secret
 * (docs/spec/discourse-contract.md §1.5). The verified signature is already a digest of
 * that body under the forum's own secret, so the key costs no second hash of the body and
 * names the forum, whose secret it is. After the forum's secret is rotated, a redelivery
 * of an older event gets a new key and is applied once more, which changes nothing:
 * applying an observation to the thread snapshot is idempotent.
 */
export function contentKey(event: string, signature: Buffer): string {
  return `${event}-${signature.toString('hex')}`;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value.trim() : '';
}

type Answer = { outcome: DeliveryOutcome; status: number; body: Record<string, unknown>; note?: string; text?: string };

const reply = (outcome: DeliveryOutcome, status: number, body: Record<string, unknown>, note?: string): Answer => ({
  outcome,
  status,
  body,
  note,
});

// The answer to nearly every delivery, serialised once.
const ACCEPTED: Answer = {
  ...reply('accepted', 202, { status: 'accepted' }),
  text: JSON.stringify({ status: 'accepted' }),
};

/**
 * POST /webhooks/discourse, on node:http directly: it is the hot path, and it needs no
 * router, body parser or middleware. Order matters: the signature header is checked
 * before the body is read, the size before it is read in full, the HMAC before it is
 * parsed, and nothing is queued unless all of that passed. Never 404/410: the forum
 * would disable the webhook (docs/spec/discourse-contract.md §1.5).
 */
export function createWebhookHandler(
  deps: WebhookDeps & { logger: Logger },
): (req: IncomingMessage, res: ServerResponse) => void {
  const clock = deps.clock ?? (() => new Date());
  const logCompleted = requestLineWriter(deps.logger, 'request completed');
  // Counter children bound once: prom-client hashes the label object on every inc() otherwise.
  const counted = new Map<DeliveryOutcome, { inc(): void }>();
  const count = (outcome: DeliveryOutcome) => {
    let counter = counted.get(outcome);
    if (!counter) counted.set(outcome, (counter = deps.metrics.deliveries.labels({ outcome })));
    counter.inc();
  };

  const finish = (req: IncomingMessage, res: ServerResponse, started: number, id: string, a: Answer) => {
    count(a.outcome);
    const text = a.text ?? JSON.stringify(a.body);
    res.writeHead(a.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
    // One line per delivery, named by the forum's delivery id, as pino-http names the other
    // routes' lines, with its whole milliseconds: a float's formatting costs more than the rest of the line.
    const responseTime = Date.now() - started;
    if (a.status >= 500) {
      deps.logger.warn(
        { req: { id, method: req.method, url: req.url }, res: { statusCode: a.status }, responseTime, err: a.note },
        'delivery not stored; answered 503 so the forum may retry',
      );
    } else {
      logCompleted({ id, method: req.method ?? '', url: req.url ?? '', statusCode: a.status, responseTime });
    }
  };

  return (req, res) => {
    const started = Date.now();
    // One reading of the header names both the log line and the job; anything but digits names neither (the job gets 0).
    const eventHeader = header(req, 'x-discourse-event-id');
    const numbered = /^\d{1,20}$/.test(eventHeader);
    const eventId = numbered ? Number(eventHeader) : 0;
    const id = numbered ? `delivery-${eventHeader}` : randomUUID();
    const done = (a: Answer) => finish(req, res, started, id, a);

    const signature = parseSignatureHeader(req.headers['x-discourse-event-signature']);
    if (!signature) {
      req.resume();
      return done(reply('unauthorized', 401, { error: 'missing or malformed X-Discourse-Event-Signature' }));
    }
    const tooLarge = () => reply('too_large', 413, { error: `body over the ${deps.bodyLimitBytes}-byte limit` });
    const unavailable = (why: string | undefined) =>
      reply('unavailable', 503, { error: 'cannot store the delivery right now; try again' }, why);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > deps.bodyLimitBytes) {
      // Answer without reading: the connection is closed so the rest of the body is never taken in.
      res.setHeader('connection', 'close');
      done(tooLarge());
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > deps.bodyLimitBytes) {
        over = true;
        chunks.length = 0;
        res.setHeader('connection', 'close');
        done(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      // A body of one chunk (nearly all: 1–2 kB) is used as it came, without a copy.
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      chunks.length = 0;
      let examined: Answer | Examined;
      try {
        examined = examine(deps, clock, req, signature, body, eventId);
      } catch (err) {
        return done(unavailable((err as Error)?.message));
      }
      if ('outcome' in examined) return done(examined);
      const store = (job: DeliveryJob) =>
        // Only the job waits for the durable write: the body and its parsed tree are garbage
        // already, so a burst's in-flight deliveries do not carry them through young-generation GCs.
        // A redelivery is accepted too: its key makes it one job when it is admitted.
        deps.queue.accept(job).then(
          () => done(ACCEPTED),
          (err: unknown) =>
            done(unavailable(err instanceof UnavailableError ? err.message : 'cannot store the delivery right now')),
        );
      if (examined.ifKnown === null) return void store(examined.job);
      const { job, ifKnown } = examined;
      deps.knownTopic(ifKnown).then(
        (known) => (known ? void store(job) : done(NOT_WATCHED)),
        (err: unknown) => done(unavailable((err as Error)?.message)),
      );
    });
    req.on('error', () => undefined);
  };
}

/** A job to store before answering 202; `ifKnown` names a topic whose job is only wanted if the topic is known. */
type Examined = { job: DeliveryJob; ifKnown: number | null };

const NOT_WATCHED = reply('ignored', 200, { status: 'ignored', reason: 'category not watched' });

/** The answer to a verified delivery that needs no job, or the job to store before answering 202. */
function examine(
  deps: WebhookDeps,
  clock: () => Date,
  req: IncomingMessage,
  signature: Buffer,
  body: Buffer,
  eventId: number,
): Answer | Examined {
  if (!signatureMatches(signature, body, deps.secrets))
    return reply('unauthorized', 401, { error: 'signature does not match the body' });

  const event = header(req, 'x-discourse-event');
  const eventType = header(req, 'x-discourse-event-type');
  if (!event || !eventType)
    return reply('bad_request', 400, { error: 'X-Discourse-Event and X-Discourse-Event-Type are required' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return reply('bad_request', 400, { error: 'body is not JSON' });
  }

  const headers: DeliveryHeaders = {
    event,
    eventType,
    eventId,
  };
  const classified = classifyDelivery(headers, parsed, deps.commands, deps.answers ?? null);
  if (classified.outcome === 'invalid') return reply('bad_request', 400, { error: classified.reason });
  if (classified.outcome === 'ignore') return reply('ignored', 200, { status: 'ignored', reason: classified.reason });
  const { observation, command, answer } = classified;
  if (observation.kind === 'category') {
    deps.categories.invalidate();
    deps.categories.warm((err) => deps.logger.warn({ err: (err as Error)?.message }, 'category tree not read'));
  }
  // Outside the watched tree: posts and likes are not wanted; a topic event is, if the
  // service knows the topic (a proposal that moved out is withdrawn). A category the
  // tree does not know yet is left to the job, which reads the tree again.
  let ifKnown: number | null = null;
  const thread = observation.kind !== 'category' && observation.kind !== 'pm_post';
  if (thread && scopeOf(categoryIdOf(observation), deps.categories.cached()) === 'outside') {
    if (observation.kind !== 'topic') return NOT_WATCHED;
    ifKnown = observation.topic.id;
  }
  const job: DeliveryJob = {
    kind: 'delivery',
    key: contentKey(event, signature),
    event,
    eventId: headers.eventId,
    receivedAt: clock().toISOString(),
    observation,
    command,
    ...(answer ? { answer } : {}),
  };
  return { job, ifKnown };
}
