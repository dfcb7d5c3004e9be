import type { RulesConfig } from '../config/rules-config.js';
import type { PostState, ThreadView } from './snapshot.js';
import { allLanguages as all, clauses, ownWords, PhraseSet, wordSet } from './text.js';

/** What one post says about its writer joining: the last thing it says wins. */
export type Stance = 'interest' | 'withdrawal' | 'none';

export interface InterestLexicon {
  interest: PhraseSet;
  withdrawal: PhraseSet;
  negators: Set<string>;
  negatorsAfter: Set<string>;
  contrast: Set<string>;
  hypothetical: Set<string>;
}

export function interestLexicon(config: RulesConfig['interest']): InterestLexicon {
  return {
    interest: new PhraseSet(all(config.phrases)),
    withdrawal: new PhraseSet(all(config.withdrawals)),
    negators: wordSet(all(config.negators)),
    negatorsAfter: wordSet(all(config.negatorsAfter)),
    contrast: wordSet(all(config.contrast)),
    hypothetical: wordSet(all(config.hypothetical)),
  };
}

// How far a negator or a hypothetical word reaches: "I am not really interested".
const REACH_BEFORE = 3;
const REACH_AFTER = 3;

/**
 * Reads one post's stance. Interest phrases count unless negated, asked as a question,
 * or said of someone else or on a condition; withdrawal phrases ("count me out", "too
 * far") always say no. Quoted text and code are not the writer's words.
 */
export function postStance(raw: string, lex: InterestLexicon): Stance {
  let last: { at: number; stance: Stance } | null = null;
  let offset = 0;
  for (const clause of clauses(ownWords(raw))) {
    const w = clause.words;
    const taken = new Array<boolean>(w.length).fill(false);
    const signals: Array<{ at: number; stance: Stance }> = [];
    for (const hit of lex.withdrawal.find(w)) {
      for (let k = hit.at; k < hit.at + hit.length; k++) taken[k] = true;
      // "Is that too far for you?" asks; it does not take anything back.
      if (!clause.question) signals.push({ at: hit.at, stance: 'withdrawal' });
    }
    for (const hit of lex.interest.find(w)) {
      if (taken[hit.at]) continue;
      const around = context(w, hit.at, hit.length, lex);
      if (clause.question || around.hypothetical) continue;
      signals.push({ at: hit.at, stance: around.negated ? 'withdrawal' : 'interest' });
    }
    for (const s of signals) if (!last || offset + s.at >= last.at) last = { at: offset + s.at, stance: s.stance };
    offset += w.length;
  }
  return last?.stance ?? 'none';
}

function context(w: readonly string[], at: number, length: number, lex: InterestLexicon): { negated: boolean; hypothetical: boolean } {
  let negated = false;
  let hypothetical = false;
  for (let j = at - 1; j >= Math.max(0, at - REACH_BEFORE); j--) {
    const word = w[j]!;
    if (lex.contrast.has(word)) break;
    if (lex.negators.has(word)) negated = true;
    if (lex.hypothetical.has(word)) hypothetical = true;
  }
  for (let j = at + length; j < Math.min(w.length, at + length + REACH_AFTER); j++) {
    const word = w[j]!;
    if (lex.contrast.has(word)) break;
    if (lex.negatorsAfter.has(word)) negated = true;
  }
  return { negated, hypothetical };
}

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
    if (!seen || p.version > seen.version || (p.version === seen.version && p.updatedAt > seen.updatedAt)) byId.set(p.id, p);
  }
  return [...byId.values()]
    .filter((p) => !p.deleted && p.postType === 1 && !ignored(p))
    .sort((a, b) => a.number - b.number || a.id - b.id);
}

/**
 * Everyone interested, in the order they first showed it. Each person's posts are read
 * in thread order and the latest stance wins, so a later "count me out" removes them.
 */
export function interestedPeople(view: ThreadView, lex: InterestLexicon, opts: InterestOptions): InterestedPerson[] {
  const people = new Map<number, { username: string; interested: boolean; first: number | null; liked: boolean }>();
  const person = (userId: number, username: string) => {
    let p = people.get(userId);
    if (!p) people.set(userId, (p = { username, interested: false, first: null, liked: false }));
    return p;
  };
  const firstPost = view.posts.find((p) => p.number === 1 && !p.deleted);
  if (opts.countFirstPostLikes && firstPost) {
    for (const liker of view.firstPostLikers) {
      if (opts.ignored({ username: liker.username, own: false })) continue;
      const p = person(liker.id, liker.username);
      p.interested = true;
      p.liked = true;
    }
  }
  for (const post of countedPosts(view, opts.ignored)) {
    const p = person(post.userId, post.username);
    const isAuthorPost = post.number === 1;
    const stance = isAuthorPost && opts.countAuthor ? 'interest' : postStance(post.raw, lex);
    if (stance === 'interest') {
      p.interested = true;
      p.first ??= post.number;
    } else if (stance === 'withdrawal') {
      p.interested = false;
    }
  }
  return [...people.entries()]
    .filter(([, p]) => p.interested)
    .map(([userId, p]) => ({ userId, username: p.username, post: p.first }))
    .sort((a, b) => (a.post ?? Infinity) - (b.post ?? Infinity) || a.userId - b.userId);
}
