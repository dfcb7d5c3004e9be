import type { RulesConfig } from '../config/rules-config.js';
import type { CategoryDirectory } from '../forum/categories.js';
import type { ForumClient } from '../forum/client.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { Effect } from '../rules/lifecycle.js';
import type { Meetup } from '../rules/meetup.js';
import type { ProgrammeRecord } from '../rules/programme.js';
import type { Proposal } from '../rules/proposal.js';
import type { ThreadSnapshot } from '../rules/snapshot.js';
import type { EffectResult, Store } from '../store/types.js';

/**
 * What an effect works with: the forum, the store, the rules and the clock. Nothing of the
 * jobs that run it: what should happen next is returned (effects/run.ts), never called back.
 */
export interface EffectContext {
  store: Pick<
    Store<ThreadSnapshot, Proposal, unknown, Meetup, ProgrammeRecord>,
    'topics' | 'proposals' | 'effects' | 'meetups' | 'programme'
  >;
  categories: CategoryDirectory;
  forum: ForumClient;
  rules: RulesConfig;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics: Metrics | null;
  clock: () => Date;
  /** Who holds an effect's lease: one name per job run. */
  owner: string;
  /** How long a worker may hold an effect before another may take it over. */
  leaseMs: number;
  /** The service's public address (PUBLIC_URL), for the calendar links in texts; null without one. */
  publicUrl: string | null;
}

/** What performing one effect came to. */
export type Outcome =
  | {
      status: 'done';
      how: 'done' | 'adopted' | 'skipped_unchanged' | 'planned';
      result: EffectResult;
      patch?: (p: Proposal) => Proposal;
      stillNeeded?: (p: Proposal) => boolean;
    }
  | { status: 'skip'; why: string }
  | { status: 'deferred'; until: number };

/** Performs one kind of effect for a proposal: one file per kind, listed in effects/run.ts. */
export type Perform<K extends Effect['kind']> = (
  ctx: EffectContext,
  p: Proposal,
  effect: Extract<Effect, { kind: K }>,
) => Promise<Outcome>;
