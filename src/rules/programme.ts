import { durationMs, type RulesConfig } from '../config/rules-config.js';
import { CRITERIA } from './checklist.js';
import type { Meetup } from './meetup.js';
import type { Proposal } from './proposal.js';

/**
 * The programme as a whole (docs/spec/rules.md, "After the birth"): what the overview topic
 * lists and what waits for the moderators. Pure: "now" is passed in.
 */

/** The service's own records beside proposals and meetups, in the store's `programme` collection. */
export type ProgrammeRecord =
  /** "overview": the overview topic, its first post, and the text last written there. */
  | {
      kind: 'overview';
      topicId: number | null;
      postId: number | null;
      textHash: string | null;
      editedAt: string | null;
    }
  /** "checkin-topic:<topic id>": the meetup a check-in message asks about, so an answer finds it in one read. */
  | { kind: 'checkin-topic'; categoryId: number }
  /** "digest": the latest digest decided, when, and whether it was sent; the next is due `digestEvery` after it. */
  | { kind: 'digest'; n: number; at: string; sent: boolean };

export const OVERVIEW_RECORD = 'overview';
export const DIGEST_RECORD = 'digest';
export const checkinTopicRecord = (topicId: number) => `checkin-topic:${topicId}`;

/** Proposals still open for the overview: gathering (with their count of met criteria) and stalled apart. */
export function openProposals(proposals: readonly Proposal[]): { open: Proposal[]; stalled: Proposal[] } {
  const byTitle = (a: Proposal, b: Proposal) => a.title.localeCompare(b.title) || a.topicId - b.topicId;
  return {
    open: proposals
      .filter((p) => p.state === 'gathering' || p.state === 'awaiting_approval' || p.state === 'approved')
      .sort(byTitle),
    stalled: proposals.filter((p) => p.state === 'stalled').sort(byTitle),
  };
}

export function metCriteria(p: Proposal): number {
  return p.checklist
    ? CRITERIA.filter((k) => p.checklist![k].status === 'met' || p.checklist![k].status === 'warning').length
    : 0;
}

/** The meetups the overview lists, by country (null: not known), each country's in name order. */
export function meetupsByCountry(meetups: readonly Meetup[]): Array<{ country: string | null; meetups: Meetup[] }> {
  const groups = new Map<string | null, Meetup[]>();
  for (const m of meetups.filter((x) => !x.gone)) groups.set(m.country, [...(groups.get(m.country) ?? []), m]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([country, list]) => ({ country, meetups: list.sort((a, b) => a.name.localeCompare(b.name)) }));
}

export type DigestItem =
  | { kind: 'awaiting'; proposal: Proposal; since: string }
  | { kind: 'stalled'; proposal: Proposal; since: string }
  | { kind: 'dormant'; meetup: Meetup; since: string | null }
  | { kind: 'closed'; meetup: Meetup; since: string };

/** What waits for the moderators now; an empty list sends no digest. */
export function digestItems(
  proposals: readonly Proposal[],
  meetups: readonly Meetup[],
  now: Date,
  lifecycle: RulesConfig['lifecycle'],
): DigestItem[] {
  const items: DigestItem[] = [];
  const long = durationMs(lifecycle.awaitingApprovalFor);
  for (const p of [...proposals].sort((a, b) => a.topicId - b.topicId)) {
    if (p.state === 'awaiting_approval' && p.awaitingSince && now.getTime() - Date.parse(p.awaitingSince) >= long)
      items.push({ kind: 'awaiting', proposal: p, since: p.awaitingSince });
    if (p.state === 'stalled') items.push({ kind: 'stalled', proposal: p, since: p.lastActivityAt ?? p.updatedAt });
  }
  for (const m of [...meetups].sort((a, b) => a.categoryId - b.categoryId)) {
    if (m.gone) continue;
    if (m.state === 'dormant') items.push({ kind: 'dormant', meetup: m, since: m.lastActivityAt });
    if (m.state === 'closed' && m.closed) items.push({ kind: 'closed', meetup: m, since: m.closed.at });
  }
  // What asks the moderators to act comes first: a digest too long for one post is cut at the end of each kind.
  return items.sort((a, b) => DIGEST_ORDER.indexOf(a.kind) - DIGEST_ORDER.indexOf(b.kind));
}

const DIGEST_ORDER: ReadonlyArray<DigestItem['kind']> = ['awaiting', 'closed', 'dormant', 'stalled'];

/** Whether a new digest is due: something waits, and the last one was decided `digestEvery` ago or more. */
export function digestDue(
  last: { at: string } | null,
  items: readonly DigestItem[],
  now: Date,
  lifecycle: RulesConfig['lifecycle'],
): boolean {
  if (items.length === 0) return false;
  return last === null || now.getTime() - Date.parse(last.at) >= durationMs(lifecycle.digestEvery);
}
