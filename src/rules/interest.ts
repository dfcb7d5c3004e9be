import type { Criterion } from './criterion.js';
import { readReply, type ReplyReader } from './reply.js';
import type { PostState, ThreadView } from './snapshot.js';

export interface InterestedPerson {
  userId: number;
  username: string;
  /** The post by which they first showed interest; null for a like on the first post. */
  post: number | null;
}

export interface InterestOptions {
  countAuthor: boolean;
  countFirstPostLikes: boolean;
  /** True for posts that never count (the service's own, system, bots). */
  ignored: (post: Pick<PostState, 'username' | 'own'>) => boolean;
}

/**
 * Posts that speak for a person: live, regular, not the service's or a bot's; one per
 * id (its newest version), in thread order whatever order they came in.
 */
export function countedPosts(view: ThreadView, ignored: InterestOptions['ignored']): PostState[] {
  const byId = new Map<number, PostState>();
  for (const p of view.posts) {
    const seen = byId.get(p.id);
    if (!seen || p.version > seen.version || (p.version === seen.version && p.updatedAt > seen.updatedAt))
      byId.set(p.id, p);
  }
  return [...byId.values()]
    .filter((p) => !p.deleted && p.postType === 1 && !ignored(p))
    .sort((a, b) => a.number - b.number || a.id - b.id);
}

export interface Interest {
  /** Everyone interested, in the order they first showed it. */
  interested: InterestedPerson[];
  /**
   * Everyone whose replies speak of coming but say neither yes nor no, and who said nothing
   * decisive otherwise, in the order of their first such reply.
   */
  unsure: InterestedPerson[];
}

/**
 * Who is interested, and who is unsure. Each person's posts are read in thread order and the
 * latest yes or no wins, so a later "count me out" removes them; a like of the first post is
 * a yes. An unsure reply never undoes a yes or a no: it only says something where nothing
 * decisive was said.
 */
export function interestedPeople(view: ThreadView, reader: ReplyReader, opts: InterestOptions): Interest {
  const people = new Map<
    number,
    { username: string; interested: boolean; decided: boolean; first: number | null; unsure: number | null }
  >();
  const person = (userId: number, username: string) => {
    let p = people.get(userId);
    if (!p) people.set(userId, (p = { username, interested: false, decided: false, first: null, unsure: null }));
    return p;
  };
  const firstPost = view.posts.find((p) => p.number === 1 && !p.deleted);
  if (opts.countFirstPostLikes && firstPost) {
    for (const liker of view.firstPostLikers) {
      if (opts.ignored({ username: liker.username, own: false })) continue;
      const p = person(liker.id, liker.username);
      p.interested = true;
      p.decided = true;
    }
  }
  for (const post of countedPosts(view, opts.ignored)) {
    const p = person(post.userId, post.username);
    const isAuthorPost = post.number === 1;
    const reading = isAuthorPost && opts.countAuthor ? 'interest' : readReply(post.raw, reader);
    if (reading === 'interest') {
      p.interested = true;
      p.decided = true;
      p.first ??= post.number;
    } else if (reading === 'withdrawal') {
      p.interested = false;
      p.decided = true;
    } else if (reading === 'unsure') p.unsure ??= post.number;
  }
  const inOrder = (a: InterestedPerson, b: InterestedPerson) =>
    (a.post ?? Infinity) - (b.post ?? Infinity) || a.userId - b.userId;
  const all = [...people.entries()];
  return {
    interested: all
      .filter(([, p]) => p.interested)
      .map(([userId, p]) => ({ userId, username: p.username, post: p.first }))
      .sort(inOrder),
    unsure: all
      .filter(([, p]) => !p.decided && p.unsure !== null)
      .map(([userId, p]) => ({ userId, username: p.username, post: p.unsure }))
      .sort(inOrder),
  };
}

export type InterestReason = { code: 'enough'; count: number } | { code: 'more_needed'; count: number; needed: number };

export type InterestCriterion = Criterion<undefined, InterestReason>;

/** Met once `min` people are interested. */
export function interestCriterion(people: readonly InterestedPerson[], min: number): InterestCriterion {
  const posts = [...new Set(people.map((p) => p.post).filter((n): n is number => n !== null))].sort((a, b) => a - b);
  const count = people.length;
  if (count >= min) return { status: 'met', reason: { code: 'enough', count }, posts };
  return { status: 'missing', reason: { code: 'more_needed', count, needed: min - count }, posts };
}
