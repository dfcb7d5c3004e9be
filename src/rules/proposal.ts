import type { RulesConfig } from '../config/rules-config.js';
import { evaluateChecklist, type Checklist, type CompiledRules, type ForumFacts } from './checklist.js';
import {
  nextLifecycle,
  type ApproverCommand,
  type Effect,
  type LifecycleState,
  type ProposalState,
} from './lifecycle.js';
import { foundsAGroup, isOtherThread, meetsMonthly } from './proposal-words.js';
import { lastActivityAt, silenceOf } from './stall.js';
import { templateLines } from './template.js';
import type { ThreadView } from './snapshot.js';

export type { ProposalState } from './lifecycle.js';

/** The proposal JSON of docs/spec/interface.md, plus the lifecycle's bookkeeping. */
export interface Proposal {
  topicId: number;
  title: string;
  url: string;
  state: ProposalState;
  interested: string[];
  /**
   * People whose replies speak of coming but could not be read as a yes or a no: the status
   * post asks them how to be counted. Absent when there are none.
   */
  unsure?: string[];
  checklist: Checklist | null;
  statusPostId: number | null;
  approval: LifecycleState['approval'];
  category: { id: number; slug: string; url: string } | null;
  updatedAt: string;
  /** Entries into awaiting_approval so far; keys each approval prompt. */
  approvalRound?: number;
  /** True for an online meetup (docs/spec/rules.md, "Online meetups"). */
  online?: boolean;
  /** Forum work decided but not yet done, written with the state that decided it. */
  pendingEffects?: Effect[];
  /** The approvers' private message about this proposal, where they may answer. */
  promptTopicId?: number | null;
  /** Posts already read as approver commands: a redelivered command acts once. */
  commandsSeen?: number[];
  /** In dry-run: the writes the service would have made, latest per effect. */
  plannedWrites?: Array<{ key: string; method: string; path: string; body: unknown }>;
  /** When the latest effects run was due (epoch ms): the coalescing window counts from it. */
  effectsDueAt?: number;
  /**
   * The thread's language (a language code), which its status post and announcement are
   * written in; kept once the status post exists, so the thread is never answered in another.
   */
  language?: string;
  /** The meetup's IANA time zone, which its dates and times are shown in. */
  timeZone?: string;
  /** Who started the thread: the reminder names them. */
  author?: string | null;
  /** The newest post by a person in the thread (rules/stall.ts). */
  lastActivityAt?: string | null;
  /** Reminder replies decided so far (each is sent once, keyed by its number). */
  reminders?: number;
  /** The activity the latest reminder was about: one reminder per silence. */
  remindedAfter?: string | null;
  /** When the proposal last entered awaiting_approval: the digest lists those waiting long. */
  awaitingSince?: string | null;
}

/**
 * Where a thread is read and answered, as the job found it from the thread and the forum's
 * categories (its country category, the proposer's words): its language, and the meetup's
 * time zone for a region.
 */
export interface ThreadPlace {
  language: string;
  timeZone(region: string | null): string;
}

export interface ProposalContext {
  rules: RulesConfig;
  compiled: CompiledRules;
  forumUrl: string;
  isWatched(categoryId: number | null): boolean;
  facts: Omit<ForumFacts, 'now'>;
  now: Date;
  command?: ApproverCommand | null;
  /** Without it, the proposal keeps the language and time zone it had. */
  place?: ThreadPlace | null;
}

/**
 * A watched topic is a proposal when it carries the meetup tag, or its title or first post
 * founds a group ("start an official Mautic group", "eine Mautic-Gruppe gründen"), or speaks of
 * a meetup or proposes a monthly slot, unless its title says it is another kind of thread: a
 * call for speakers for a group that meets already, a job offer, a one-off event
 * (docs/spec/rules.md). Only the title is asked that: a proposal's post may well tell of a
 * one-off workshop last year, or that it looks for speakers.
 */
export function looksLikeProposal(view: ThreadView, ctx: Pick<ProposalContext, 'rules' | 'compiled'>): boolean {
  if (hasProposalTag(view, ctx)) return true;
  const texts = openingTexts(view);
  if (texts.some((t) => foundsAGroup(t, ctx.compiled.proposal))) return true;
  if (isOtherThread(view.title, ctx.compiled.proposal)) return false;
  if (texts.some((t) => ctx.compiled.keywords.matches(t))) return true;
  // A first post that proposes a monthly slot proposes a regular gathering, whatever it calls it.
  return texts.length > 1 && meetsMonthly(texts[1]!, ctx.compiled.schedule);
}

function hasProposalTag(view: ThreadView, ctx: Pick<ProposalContext, 'rules'>): boolean {
  const tag = ctx.rules.forum.proposalTag.toLowerCase();
  return view.tags.some((t) => t.toLowerCase() === tag);
}

/** The thread's title and its first post, as long as it stands. */
function openingTexts(view: ThreadView): string[] {
  const first = view.posts.find((p) => p.number === 1 && !p.deleted);
  return first === undefined ? [view.title] : [view.title, first.raw];
}

/** Withdrawn: left the watched tree, or closed, archived, unlisted or deleted (docs/spec/rules.md). */
export function isWithdrawn(view: ThreadView, ctx: Pick<ProposalContext, 'isWatched'>): boolean {
  return view.archetype !== 'regular' || view.status !== 'open' || !ctx.isWatched(view.categoryId);
}

export function topicUrl(forumUrl: string, view: Pick<ThreadView, 'slug' | 'topicId'>): string {
  return `${forumUrl}/t/${view.slug || 'topic'}/${view.topicId}`;
}

/**
 * The proposal a thread amounts to now, or null when it is not (and never was) one.
 * Returns `previous` itself when nothing a reader would see has changed. Forum work the
 * lifecycle decides is added to `pendingEffects`, keyed, so it is recorded with the
 * state that caused it and never lost between the two.
 */
export function evaluateProposal(view: ThreadView, previous: Proposal | null, ctx: ProposalContext): Proposal | null {
  const withdrawn = isWithdrawn(view, ctx);
  if (!previous && (withdrawn || !isProposal(view, ctx))) return null;
  const evaluation = evaluateChecklist(view, ctx.compiled, { ...ctx.facts, now: ctx.now });
  const unsure = evaluation.unsure.map((p) => p.username);
  // Who is asked how to be counted shows in the status post as the checklist does.
  const checklistChanged =
    JSON.stringify(previous?.checklist ?? null) !== JSON.stringify(evaluation.checklist) ||
    JSON.stringify(previous?.unsure ?? []) !== JSON.stringify(unsure);
  const command =
    ctx.command && !(previous?.commandsSeen ?? []).includes(ctx.command.sourcePostId) ? ctx.command : null;
  const activity = lastActivityAt(view);
  const silence = silenceOf(
    {
      state: previous?.state ?? 'gathering',
      lastActivityAt: activity,
      reminders: previous?.reminders ?? 0,
      remindedAfter: previous?.remindedAfter ?? null,
    },
    ctx.now,
    ctx.rules.lifecycle,
  );
  const life = nextLifecycle(
    {
      state: previous?.state ?? 'gathering',
      round: previous?.approvalRound ?? 0,
      approval: previous?.approval ?? null,
    },
    {
      topicId: view.topicId,
      ready: evaluation.ready,
      withdrawn,
      deleted: view.status === 'deleted',
      checklistChanged,
      command,
      categoryExists: previous?.category != null,
      silence,
    },
  );
  const reminded = life.effects.find((e) => e.kind === 'send_reminder');
  const awaitingSince =
    life.state !== 'awaiting_approval'
      ? null
      : previous?.state === 'awaiting_approval'
        ? (previous.awaitingSince ?? ctx.now.toISOString())
        : ctx.now.toISOString();
  const pending = [...(previous?.pendingEffects ?? [])];
  for (const e of life.effects) if (!pending.some((p) => p.key === e.key)) pending.push(e);
  const next: Proposal = {
    topicId: view.topicId,
    title: view.title,
    url: topicUrl(ctx.forumUrl, view),
    state: life.state,
    interested: evaluation.interested.map((p) => p.username),
    ...(unsure.length > 0 ? { unsure } : {}),
    checklist: evaluation.checklist,
    statusPostId: previous?.statusPostId ?? null,
    approval: life.approval,
    category: previous?.category ?? null,
    updatedAt: previous?.updatedAt ?? ctx.now.toISOString(),
    approvalRound: life.round,
    online: evaluation.online,
    pendingEffects: pending,
    promptTopicId: previous?.promptTopicId ?? null,
    // The newest few hundred are enough: redeliveries come within days, not years.
    commandsSeen: command
      ? [...(previous?.commandsSeen ?? []), command.sourcePostId].slice(-200)
      : (previous?.commandsSeen ?? []),
    plannedWrites: previous?.plannedWrites ?? [],
    ...(previous?.effectsDueAt !== undefined ? { effectsDueAt: previous.effectsDueAt } : {}),
    ...placeOf(previous, ctx.place, evaluation.checklist.region.value ?? null),
    author: view.author?.username ?? previous?.author ?? null,
    lastActivityAt: activity,
    reminders: reminded?.kind === 'send_reminder' ? reminded.n : (previous?.reminders ?? 0),
    remindedAfter: reminded ? activity : (previous?.remindedAfter ?? null),
    awaitingSince,
  };
  if (previous && sameProposal(previous, next)) return previous;
  return { ...next, updatedAt: ctx.now.toISOString() };
}

/** A proposal by its words or tag, or because someone already uses the detail template, unless it is another kind of thread. */
export function isProposal(view: ThreadView, ctx: Pick<ProposalContext, 'rules' | 'compiled'>): boolean {
  if (looksLikeProposal(view, ctx)) return true;
  if (isOtherThread(view.title, ctx.compiled.proposal)) return false;
  return view.posts.some(
    (p) =>
      !p.deleted &&
      !p.own &&
      Object.keys(templateLines(p.raw, ctx.compiled.labels, ctx.rules.template.maxValueLength)).length >= 2,
  );
}

/** The language, frozen once the thread has a status post in it, and the time zone of the region as it reads now. */
function placeOf(
  previous: Proposal | null,
  place: ThreadPlace | null | undefined,
  region: string | null,
): Pick<Proposal, 'language' | 'timeZone'> {
  const frozen = previous?.statusPostId != null && previous.language !== undefined;
  const language = frozen ? previous.language : (place?.language ?? previous?.language);
  const timeZone = place ? place.timeZone(region) : previous?.timeZone;
  return {
    ...(language !== undefined ? { language } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
}

function sameProposal(a: Proposal, b: Proposal): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}
