import type { RulesConfig } from '../config/rules-config.js';
import { PhraseSet } from './text.js';
import type { ThreadView } from './snapshot.js';

export type ProposalState = 'gathering' | 'awaiting_approval' | 'approved' | 'opened' | 'rejected' | 'withdrawn';

/** The proposal JSON of interface.md; fields later work fills in stay null until then. */
export interface Proposal {
  topicId: number;
  title: string;
  url: string;
  state: ProposalState;
  interested: string[];
  checklist: Record<string, unknown> | null;
  statusPostId: number | null;
  approval: { decision: 'approved' | 'rejected'; by: string; at: string; reason: string | null } | null;
  category: { id: number; slug: string; url: string } | null;
  updatedAt: string;
}

export interface ProposalContext {
  rules: RulesConfig;
  keywords: PhraseSet;
  forumUrl: string;
  isWatched(categoryId: number | null): boolean;
  now: Date;
}

export function proposalKeywords(rules: RulesConfig): PhraseSet {
  return new PhraseSet(Object.values(rules.proposal.keywords).flat());
}

/** A watched topic is a proposal when it speaks of a meetup or carries the meetup tag (rules.md). */
export function looksLikeProposal(view: ThreadView, ctx: Pick<ProposalContext, 'rules' | 'keywords'>): boolean {
  const tag = ctx.rules.forum.proposalTag.toLowerCase();
  if (view.tags.some((t) => t.toLowerCase() === tag)) return true;
  if (ctx.keywords.matches(view.title)) return true;
  const first = view.posts.find((p) => p.number === 1 && !p.deleted);
  return first !== undefined && ctx.keywords.matches(first.raw);
}

/** Withdrawn: left the watched tree, or closed, archived, unlisted or deleted (rules.md). */
export function isWithdrawn(view: ThreadView, ctx: Pick<ProposalContext, 'isWatched'>): boolean {
  return view.archetype !== 'regular' || view.status !== 'open' || !ctx.isWatched(view.categoryId);
}

export function topicUrl(forumUrl: string, view: Pick<ThreadView, 'slug' | 'topicId'>): string {
  return `${forumUrl}/t/${view.slug || 'topic'}/${view.topicId}`;
}

/**
 * The proposal a thread amounts to now, or null when it is not (and never was) one.
 * Returns `previous` itself when nothing a reader would see has changed.
 */
export function evaluateProposal(view: ThreadView, previous: Proposal | null, ctx: ProposalContext): Proposal | null {
  if (!previous && (!looksLikeProposal(view, ctx) || isWithdrawn(view, ctx))) return null;
  const withdrawn = isWithdrawn(view, ctx);
  const state: ProposalState = withdrawn ? 'withdrawn' : !previous || previous.state === 'withdrawn' ? 'gathering' : previous.state;
  const next: Proposal = {
    topicId: view.topicId,
    title: view.title,
    url: topicUrl(ctx.forumUrl, view),
    state,
    interested: previous?.interested ?? [],
    checklist: previous?.checklist ?? null,
    statusPostId: previous?.statusPostId ?? null,
    approval: previous?.approval ?? null,
    category: previous?.category ?? null,
    updatedAt: previous?.updatedAt ?? ctx.now.toISOString(),
  };
  if (previous && sameProposal(previous, next)) return previous;
  return { ...next, updatedAt: ctx.now.toISOString() };
}

function sameProposal(a: Proposal, b: Proposal): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}
