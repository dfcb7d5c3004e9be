import { evaluateChecklist, type CompiledRules, type Evaluation } from '../../src/rules/checklist.js';
import type { PostState, ThreadView } from '../../src/rules/snapshot.js';

/** A person on the forum, as posts name them. */
export interface Person {
  id: number;
  username: string;
  staff?: boolean;
}

export const jana: Person = { id: 4821, username: 'jana.schmidt' };
export const lukas: Person = { id: 5120, username: 'lukas_b' };
export const marta: Person = { id: 3302, username: 'mwerner' };
export const sofia: Person = { id: 6001, username: 'sofia_r' };
export const kai: Person = { id: 12, username: 'mod_kai', staff: true };
export const system: Person = { id: -1, username: 'system', staff: true };

/**
 * A thread as the rules see it, written as a list of [who, what] replies. Posts are
 * numbered in order from 1 (the first post), ids from 141198 as on the recorded thread.
 */
export function thread(
  title: string,
  replies: Array<[Person, string] | [Person, string, Partial<PostState>]>,
  extra: Partial<ThreadView> = {},
): ThreadView {
  const posts: PostState[] = replies.map(([who, raw, over], i) => ({
    id: 141198 + i,
    number: i + 1,
    userId: who.id,
    username: who.username,
    raw,
    version: 1,
    updatedAt: `2026-11-${String(10 + Math.min(i, 13)).padStart(2, '0')}T10:00:00.000Z`,
    createdAt: `2026-11-${String(10 + Math.min(i, 13)).padStart(2, '0')}T10:00:00.000Z`,
    deleted: false,
    postType: 1,
    staff: who.staff ?? false,
    own: who.username === 'system',
    ...over,
  }));
  const first = replies[0]?.[0];
  return {
    topicId: 27341,
    title,
    slug: 'mautic-meetup-in-berlin',
    categoryId: 61,
    archetype: 'regular',
    status: 'open',
    tags: [],
    author: first ? { id: first.id, username: first.username } : null,
    posts,
    firstPostLikers: [],
    ...extra,
  };
}

/**
 * The checklist of a thread that is only its first post, by jana, on a forum with no meetups
 * yet: how the rules read one proposal post.
 */
export function firstPostEvaluation(
  post: string,
  rules: CompiledRules,
  { title = '', now = new Date('2026-11-24T12:00:00Z') }: { title?: string; now?: Date } = {},
): Evaluation {
  return evaluateChecklist(thread(title, [[jana, post]]), rules, {
    now,
    forumUrl: 'https://f',
    meetups: [],
    countries: [],
    otherProposals: [],
    profiles: {},
  });
}
