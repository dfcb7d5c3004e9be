import type { JobContext } from '../jobs/context.js';
import type { Effect } from '../rules/lifecycle.js';
import type { Proposal } from '../rules/proposal.js';
import type { EffectResult } from '../store/types.js';

/** What an effect works with: the jobs' context, and two ways back into the jobs. */
export interface EffectContext extends JobContext {
  /** Re-reads the proposal from its thread: the lifecycle moves on once the category exists. */
  refresh(topicId: number): Promise<void>;
  /** Another run of this topic's effects, not before `notBefore` (epoch ms). */
  schedule(topicId: number, notBefore: number): Promise<void>;
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
