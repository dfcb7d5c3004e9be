import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRulesConfig, type RulesConfig } from '../../src/config/rules-config.js';
import { classifyDelivery } from '../../src/events/classify.js';
import { runEffectsJob } from '../../src/jobs/effects.js';
import { MemoryBudget } from '../../src/forum/budget.js';
import { CategoryDirectory } from '../../src/forum/categories.js';
import { ForumClient } from '../../src/forum/client.js';
import { createJobContext, type AppStore, type JobContext } from '../../src/jobs/context.js';
import { createJobHandler, handlers } from '../../src/jobs/registry.js';
import type { DeliveryJob, EffectsJob, Job } from '../../src/jobs/types.js';
import { Metrics } from '../../src/metrics.js';
import type { Proposal } from '../../src/rules/proposal.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { captureLogs } from './logs.js';
import { NockForum } from './nock-forum.js';
import type { BuiltDelivery } from './thread.js';

export const FORUM = 'https://forum.example.test';

/**
 * The worker's pipeline without HTTP: a delivery goes through classification, the
 * snapshot and the rules, and the effects runs it asks for are collected, to be run
 * when the test says (one run = one coalescing window ending).
 */
export class Pipeline {
  readonly store: AppStore;
  readonly forum = new NockForum(FORUM);
  readonly logs = captureLogs('debug');
  readonly metrics = new Metrics(async () => 0);
  readonly client: ForumClient;
  readonly scheduled: EffectsJob[] = [];
  /** When each effects run asked for may start (epoch ms), by job key. */
  readonly due = new Map<string, number>();
  /** Keys of the effects runs asked for as background work. */
  readonly background = new Set<string>();
  /** Keys of the effects runs asked for as work people wait for. */
  readonly waited = new Set<string>();
  readonly rules: RulesConfig;
  private readonly dir = mkdtempSync(join(tmpdir(), 'mc-pipeline-'));
  private readonly categories: CategoryDirectory;
  now = new Date('2026-12-01T10:00:00.000Z');

  private readonly publicUrl: string | null;

  constructor(options: { dryRun?: boolean; rules?: (r: RulesConfig) => RulesConfig; publicUrl?: string | null } = {}) {
    this.publicUrl = options.publicUrl ?? null;
    const base = loadRulesConfig('config/default.json');
    this.rules = options.rules ? options.rules(base) : base;
    this.store = new EmbeddedStore(this.dir);
    this.client = new ForumClient({
      baseUrl: FORUM,
      apiKey: 'test-api-key-0123456789abcdef',
      apiUsername: 'system',
      budget: new MemoryBudget({ perMinute: 10_000 }),
      logger: this.logs.logger,
      metrics: this.metrics,
      dryRun: options.dryRun,
      retries: 2,
      minRetryMs: 1,
    });
    this.categories = new CategoryDirectory(() => this.client.listCategories(), this.rules.forum);
    this.forum.install();
  }

  /** The jobs' context as the service builds it, with the test's clock and a queue that collects effects runs. */
  context(owner = 'worker-a'): JobContext {
    return createJobContext({
      store: this.store,
      categories: this.categories,
      forum: this.client,
      rules: this.rules,
      forumUrl: FORUM,
      ownUsername: 'system',
      logger: this.logs.logger,
      metrics: this.metrics,
      clock: () => this.now,
      enqueue: async (job: Job, options) => {
        if (job.kind === 'effects' && !this.scheduled.some((j) => j.key === job.key)) {
          this.scheduled.push(job);
          this.due.set(job.key, options?.notBefore ?? this.now.getTime());
          if (options?.background) this.background.add(job.key);
          if (options?.waitedFor) this.waited.add(job.key);
        }
        return 'queued';
      },
      owner,
      publicUrl: this.publicUrl,
    });
  }

  /** A delivery as the receiver would queue it; the forum learns the post too, as it would have. */
  async deliver(d: BuiltDelivery, owner?: string): Promise<string> {
    const parsed = JSON.parse(d.body.toString('utf8'));
    const c = classifyDelivery(
      { event: d.event, eventType: d.eventType, eventId: d.eventId },
      parsed,
      this.rules.approval.commands,
    );
    if (c.outcome !== 'accept') return c.outcome;
    if (parsed.post) this.mirror(parsed.post);
    const job: DeliveryJob = {
      kind: 'delivery',
      key: `k${d.eventId}`,
      event: d.event,
      eventId: d.eventId,
      receivedAt: this.now.toISOString(),
      observation: c.observation,
      command: c.command,
    };
    return handlers.delivery(job, this.context(owner));
  }

  private mirror(post: { id: number; topic_id: number; post_number: number; username: string; raw: string }): void {
    const known = this.forum.posts.find((p) => p.id === post.id);
    if (known) known.raw = post.raw;
    else
      this.forum.posts.push({
        id: post.id,
        topic_id: post.topic_id,
        post_number: post.post_number,
        username: post.username,
        raw: post.raw,
      });
  }

  /** Runs the effects of a topic as a worker would (one job). */
  async effects(topicId: number, owner = 'worker-a') {
    const ctx = this.context(owner);
    return runEffectsJob(ctx, topicId);
  }

  /** The effects jobs due by the test's clock, through the real job handler; later ones stay scheduled. */
  async runDue(owner = 'worker-a'): Promise<void> {
    const handler = createJobHandler(this.context(owner));
    for (let i = 0; i < 20; i++) {
      const at = this.scheduled.findIndex((j) => (this.due.get(j.key) ?? 0) <= this.now.getTime());
      if (at < 0) return;
      const [job] = this.scheduled.splice(at, 1);
      await handler(job!, 1);
    }
  }

  /** Every effects job scheduled so far, through the real job handler. */
  async settle(owner = 'worker-a'): Promise<void> {
    const handler = createJobHandler(this.context(owner));
    for (let i = 0; i < 20 && this.scheduled.length > 0; i++) {
      const job = this.scheduled.shift()!;
      await handler(job, 1);
    }
  }

  async proposal(topicId: number): Promise<Proposal | null> {
    return (await this.store.proposals.get(String(topicId)))?.value ?? null;
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
