import { durationMs, type RulesConfig } from '../config/rules-config.js';
import type { ProposalState } from './lifecycle.js';
import type { ThreadView } from './snapshot.js';

/**
 * A proposal's silence (docs/spec/rules.md, "After the birth"): how long its thread has had
 * no post by a person, and what that asks for. Pure: "now" is passed in.
 */

/** Forum accounts that post without being anyone: the forum's own notices. */
const SYSTEM_USER_IDS = new Set([-1, -2]);

/** The newest post by a person (not the service, not the forum itself), or null in a thread without one. */
export function lastActivityAt(view: Pick<ThreadView, 'posts'>): string | null {
  let newest: string | null = null;
  for (const p of view.posts) {
    if (p.own || p.deleted || SYSTEM_USER_IDS.has(p.userId)) continue;
    if (newest === null || Date.parse(p.createdAt) > Date.parse(newest)) newest = p.createdAt;
  }
  return newest;
}

export interface SilenceRecord {
  state: ProposalState;
  lastActivityAt?: string | null;
  /** Reminder replies decided so far. */
  reminders?: number;
  /** The activity the latest reminder was about: one reminder per silence. */
  remindedAfter?: string | null;
}

export interface Silence {
  stalled: boolean;
  /** The number of the reminder now due, or null. */
  reminder: number | null;
}

const GATHERING: ReadonlySet<ProposalState> = new Set(['gathering', 'stalled']);

export function silenceOf(p: SilenceRecord, now: Date, lifecycle: RulesConfig['lifecycle']): Silence {
  const since = p.lastActivityAt ? Date.parse(p.lastActivityAt) : NaN;
  if (!GATHERING.has(p.state) || Number.isNaN(since)) return { stalled: false, reminder: null };
  const silent = now.getTime() - since;
  const stalled = silent >= durationMs(lifecycle.proposalStalledAfter);
  const sent = p.reminders ?? 0;
  const due =
    silent >= durationMs(lifecycle.proposalReminderAfter) &&
    sent < lifecycle.maxReminders &&
    p.remindedAfter !== p.lastActivityAt;
  return { stalled, reminder: due ? sent + 1 : null };
}

/**
 * Whether evaluating the proposal again now would change what its silence asks for: the
 * periodic check reads again only these, not every open thread.
 */
export function silenceChanges(p: SilenceRecord, now: Date, lifecycle: RulesConfig['lifecycle']): boolean {
  const s = silenceOf(p, now, lifecycle);
  return s.reminder !== null || s.stalled !== (p.state === 'stalled');
}

/** Quiet proposals in the order they are taken: the most recently active first, as most likely to answer. */
export function quietFirst<P extends { topicId: number; lastActivityAt?: string | null }>(
  proposals: readonly P[],
): P[] {
  return [...proposals].sort(
    (a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? '') || a.topicId - b.topicId,
  );
}
