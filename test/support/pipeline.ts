import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRulesConfig, type RulesConfig } from '../../src/config/rules-config.js';
import { classifyDelivery } from '../../src/events/classify.js';
import { runEffects } from '../../src/events/effects.js';
import {
  createJobHandler,
  handleDelivery,
  refreshTopic,
  scheduleEffects,
  type HandlerDeps,
} from '../../src/events/handler.js';
import { MemoryBudget } from '../../src/forum/budget.js';
import { CategoryDirectory } from '../../src/forum/categories.js';
import { ForumClient } from '../../src/forum/client.js';
import { Metrics } from '../../src/metrics.js';
import type { DeliveryJob, EffectsJob, Job } from '../../src/queue/types.js';
import { compileRules } from '../../src/rules/checklist.js';
import type { Proposal } from '../../src/rules/proposal.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { AppStore } from '../../src/store/index.js';
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
  readonly rules: RulesConfig;
  private readonly dir = mkdtempSync(join(tmpdir(), 'mc-pipeline-'));
  private readonly categories: CategoryDirectory;
  now = new Date('2026-12-01T10:00:00.000Z');

  constructor(options: { dryRun?: boolean; rules?: (r: RulesConfig) => RulesConfig } = {}) {
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

  deps(owner = 'worker-a'): HandlerDeps {
    return {
      store: this.store,
      categories: this.categories,
      forum: this.client,
      rules: this.rules,
      compiled: compileRules(this.rules, 'system'),
      forumUrl: FORUM,
      ownUsername: 'system',
      logger: this.logs.logger,
      metrics: this.metrics,
      clock: () => this.now,
      enqueue: async (job: Job) => {
        if (job.kind === 'effects' && !this.scheduled.some((j) => j.key === job.key)) this.scheduled.push(job);
        return 'queued';
      },
      owner,
      leaseMs: 60_000,
      profiles: new Map(),
    };
  }

  /** A delivery as the receiver would queue it; the forum learns the post too, as it would have. */
  async deliver(d: BuiltDelivery, owner?: string): Promise<string> {
    const parsed = JSON.parse(d.body.toString('utf8'));
    const c = classifyDelivery({ event: d.event, eventType: d.eventType, eventId: d.eventId }, parsed);
    if (c.outcome !== 'accept') return c.outcome;
    if (parsed.post) this.mirror(parsed.post);
    const job: DeliveryJob = {
      kind: 'delivery',
      key: `k${d.eventId}`,
      event: d.event,
      eventId: d.eventId,
      receivedAt: this.now.toISOString(),
      observation: c.observation,
    };
    return handleDelivery(this.deps(owner), job);
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
    const deps = this.deps(owner);
    return runEffects(
      {
        ...deps,
        clock: () => this.now,
        leaseMs: 60_000,
        refresh: (t) => refreshTopic(deps, t),
        schedule: (t, at) => scheduleEffects(deps, t, at),
      },
      topicId,
    );
  }

  /** Every effects job scheduled so far, through the real job handler. */
  async settle(owner = 'worker-a'): Promise<void> {
    const handler = createJobHandler(this.deps(owner));
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
