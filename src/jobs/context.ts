import { generatedData } from '../config/generated.js';
import type { RulesConfig } from '../config/rules-config.js';
import type { CategoryDirectory } from '../forum/categories.js';
import type { ForumClient } from '../forum/client.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { EnqueueOptions } from '../queue/types.js';
import { compileRules, type CompiledRules } from '../rules/checklist.js';
import type { UserProfile } from '../rules/organisers.js';
import type { Meetup } from '../rules/meetup.js';
import type { ProgrammeRecord } from '../rules/programme.js';
import type { Proposal } from '../rules/proposal.js';
import type { ThreadSnapshot } from '../rules/snapshot.js';
import type { Env } from '../config/env.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import type { Job } from './types.js';

/** The store as the jobs use it: thread snapshots, proposals, and the queue's jobs. */
export type AppStore = Store<ThreadSnapshot, Proposal, Job, Meetup, ProgrammeRecord>;

export function openAppStore(env: Pick<Env, 'MONGODB_URI' | 'DATA_DIR'>): Promise<AppStore> {
  return openStore<ThreadSnapshot, Proposal, Job, Meetup, ProgrammeRecord>(env);
}

/** Organisers' profiles by lower-case username, with when they were read. */
export type ProfileCache = Map<string, { profile: UserProfile; at: number }>;

/** What every job handler and effect works with, built once per process (`createJobContext`). */
export interface JobContext {
  store: AppStore;
  categories: CategoryDirectory;
  forum: ForumClient;
  rules: RulesConfig;
  compiled: CompiledRules;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics: Metrics | null;
  clock: () => Date;
  /** Adds a job (the effects runs a delivery asks for, the resyncs of a reconciliation). */
  enqueue(job: Job, options?: EnqueueOptions): Promise<unknown>;
  /** Who holds an effect's lease: one name per job run (see jobs/registry.ts). */
  owner: string;
  /** How long a worker may hold an effect before another may take it over. */
  leaseMs: number;
  /** Organisers' profiles, kept for an hour: companies rarely change. */
  profiles: ProfileCache;
  /** The service's public address (PUBLIC_URL), for the calendar links in texts; null without one. */
  publicUrl: string | null;
}

export interface JobContextParts {
  store: AppStore;
  categories: CategoryDirectory;
  forum: ForumClient;
  rules: RulesConfig;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics?: Metrics | null;
  clock?: () => Date;
  enqueue: JobContext['enqueue'];
  /** This process's name in effect leases. */
  owner: string;
  publicUrl?: string | null;
}

/** The one place the jobs' context is put together: the service, the CLI and the tests all call it. */
export function createJobContext(parts: JobContextParts): JobContext {
  return {
    ...parts,
    metrics: parts.metrics ?? null,
    clock: parts.clock ?? (() => new Date()),
    compiled: compileRules(parts.rules, parts.ownUsername, generatedData()),
    leaseMs: parts.rules.effects.leaseSeconds * 1000,
    profiles: new Map(),
    publicUrl: parts.publicUrl ?? null,
  };
}
