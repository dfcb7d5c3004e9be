import type { Observation, PostObservation, TopicObservation, UserRef } from '../events/payloads.js';

/** The observations that belong to one thread (category events do not). */
export type ThreadObservation = Exclude<Observation, { kind: 'category' } | { kind: 'pm_post' }>;

/**
 * The latest known picture of one watched thread. It is a join of observations: each
 * part keeps the observation with the greatest ordering key, so applying the same
 * deliveries in any order, any number of times, gives the same snapshot.
 */
export interface ThreadSnapshot {
  topicId: number;
  /** The newest topic event; null until one arrives. */
  topic: TopicObservation | null;
  /** What post payloads say about their topic, used until a topic event is seen. */
  hint: TopicHint | null;
  /** Latest version of each regular post, by post id. */
  posts: Record<string, PostState>;
  /** People who liked the first post, by user id (the forum sends no unlike event). */
  firstPostLikers: UserRef[];
  /** When the whole thread was last read from the forum (resync, backfill, reconciliation). */
  readAt?: string;
}

export interface TopicHint {
  title: string | null;
  slug: string | null;
  categoryId: number | null;
  archetype: string;
  from: { updatedAt: string; postId: number };
}

export interface PostState {
  id: number;
  number: number;
  userId: number;
  username: string;
  raw: string;
  version: number;
  updatedAt: string;
  createdAt: string;
  deleted: boolean;
  postType: number;
  staff: boolean;
  /** Written by the service's own forum user. */
  own: boolean;
}

export interface SnapshotContext {
  /** The forum user the service posts as (DISCOURSE_API_USERNAME). */
  ownUsername: string;
}

function emptySnapshot(topicId: number): ThreadSnapshot {
  return { topicId, topic: null, hint: null, posts: {}, firstPostLikers: [] };
}

/** Deterministic tie-break for two observations with equal ordering keys but different content. */
function compareContent(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareKeys(a: Array<number | string>, b: Array<number | string>): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** Post edits raise `version`; deletes and recoveries move `updated_at` (docs/spec/discourse-contract.md §2.3). */
function postOrder(p: PostState): Array<number | string> {
  return [p.version, p.updatedAt];
}

/**
 * Topic payloads carry no version. A status change adds a small-action post, so the
 * highest post number rises with it; between edits that add no post, the view count
 * (which only grows) and then the forum's delivery id give the order. An automatic
 * retry gets a new delivery id, so a retried old edit can win a tie on the first two
 * until the next topic event or a re-read of the thread corrects it.
 */
function topicOrder(t: TopicObservation): Array<number | string> {
  return [t.highestPostNumber, t.views, t.eventId];
}

function hintOrder(h: TopicHint): Array<number | string> {
  return [h.from.updatedAt, h.from.postId];
}

function newer<T>(current: T | null, candidate: T, order: (v: T) => Array<number | string>): boolean {
  if (current === null) return true;
  const byKey = compareKeys(order(candidate), order(current));
  return byKey !== 0 ? byKey > 0 : compareContent(candidate, current) > 0;
}

function toPostState(p: PostObservation, ctx: SnapshotContext): PostState {
  return {
    id: p.id,
    number: p.number,
    userId: p.userId,
    username: p.username,
    raw: p.raw,
    version: p.version,
    updatedAt: p.updatedAt,
    createdAt: p.createdAt,
    deleted: p.deleted,
    postType: p.postType,
    staff: p.staff,
    own: p.username.toLowerCase() === ctx.ownUsername.toLowerCase(),
  };
}

function applyPost(s: ThreadSnapshot, p: PostObservation, ctx: SnapshotContext): ThreadSnapshot {
  let next = s;
  const state = toPostState(p, ctx);
  const current = s.posts[String(p.id)] ?? null;
  if (newer(current, state, postOrder)) next = { ...next, posts: { ...next.posts, [String(p.id)]: state } };
  const hint: TopicHint = { ...p.topic, from: { updatedAt: p.updatedAt, postId: p.id } };
  if (newer(next.hint, hint, hintOrder)) next = { ...next, hint };
  return next;
}

function addLiker(s: ThreadSnapshot, liker: UserRef): ThreadSnapshot {
  if (s.firstPostLikers.some((u) => u.id === liker.id)) return s;
  const firstPostLikers = [...s.firstPostLikers, { id: liker.id, username: liker.username }].sort(
    (a, b) => a.id - b.id,
  );
  return { ...s, firstPostLikers };
}

/**
 * Folds one observation into a thread snapshot. Returns the very same object when
 * nothing changed, so callers can skip the write.
 */
export function applyObservation(s: ThreadSnapshot | null, o: ThreadObservation, ctx: SnapshotContext): ThreadSnapshot {
  switch (o.kind) {
    case 'post': {
      const base = s ?? emptySnapshot(o.post.topicId);
      return applyPost(base, o.post, ctx);
    }
    case 'like': {
      const base = applyPost(s ?? emptySnapshot(o.post.topicId), o.post, ctx);
      return o.post.number === 1 ? addLiker(base, o.liker) : base;
    }
    case 'topic': {
      const base = s ?? emptySnapshot(o.topic.id);
      return newer(base.topic, o.topic, topicOrder) ? { ...base, topic: o.topic } : base;
    }
  }
}

export type TopicStatus = 'open' | 'closed' | 'archived' | 'deleted' | 'unlisted';

/** What the rules read: the snapshot with the topic's fields resolved and posts in thread order. */
export interface ThreadView {
  topicId: number;
  title: string;
  slug: string | null;
  categoryId: number | null;
  archetype: string;
  status: TopicStatus;
  tags: string[];
  author: UserRef | null;
  /** Every known post, deleted ones included (flagged), by post number. */
  posts: PostState[];
  firstPostLikers: UserRef[];
}

export function threadView(s: ThreadSnapshot): ThreadView {
  const posts = Object.values(s.posts).sort((a, b) => a.number - b.number || a.id - b.id);
  const first = posts.find((p) => p.number === 1) ?? null;
  const t = s.topic;
  const status: TopicStatus =
    t?.deleted || first?.deleted
      ? 'deleted'
      : t?.archived
        ? 'archived'
        : t?.closed
          ? 'closed'
          : t && !t.visible
            ? 'unlisted'
            : 'open';
  const author = t?.author?.username
    ? t.author
    : first
      ? { id: first.userId, username: first.username }
      : (t?.author ?? null);
  return {
    topicId: s.topicId,
    title: t?.title ?? s.hint?.title ?? '',
    slug: t?.slug ?? s.hint?.slug ?? null,
    categoryId: t ? t.categoryId : (s.hint?.categoryId ?? null),
    archetype: t?.archetype ?? s.hint?.archetype ?? 'regular',
    status,
    tags: t?.tags ?? [],
    author,
    posts,
    firstPostLikers: s.firstPostLikers,
  };
}
