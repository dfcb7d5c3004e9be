import { z } from 'zod';

/**
 * Discourse webhook bodies (docs/spec/discourse-contract.md §3), reduced to what the thread
 * snapshot needs. Unknown fields are dropped; fields that newer or older Discourse
 * versions omit are optional. `cooked` is never kept: it is large and we read `raw`.
 */
const isoDate = z.string().min(10);

export const postPayload = z.object({
  id: z.number().int(),
  username: z.string(),
  user_id: z.number().int(),
  created_at: isoDate,
  updated_at: isoDate,
  post_number: z.number().int().min(1),
  post_type: z.number().int(),
  topic_id: z.number().int(),
  topic_slug: z.string().nullish(),
  topic_title: z.string().nullish(),
  category_id: z.number().int().nullish(),
  // Added to post payloads in 2019 (discourse PR #8110); older forums omit it.
  topic_archetype: z.string().default('regular'),
  version: z.number().int().min(1),
  raw: z.string().default(''),
  deleted_at: isoDate.nullish(),
  user_deleted: z.boolean().default(false),
  staff: z.boolean().default(false),
  admin: z.boolean().default(false),
  moderator: z.boolean().default(false),
});

const tag = z
  .union([z.string(), z.object({ name: z.string() })])
  .transform((t) => (typeof t === 'string' ? t : t.name));

const basicUser = z.object({ id: z.number().int(), username: z.string() });

export const topicPayload = z.object({
  id: z.number().int(),
  title: z.string(),
  slug: z.string().nullish(),
  category_id: z.number().int().nullish(),
  archetype: z.string().default('regular'),
  closed: z.boolean().default(false),
  archived: z.boolean().default(false),
  visible: z.boolean().default(true),
  deleted_at: isoDate.nullish(),
  user_id: z.number().int().nullish(),
  created_by: basicUser.nullish(),
  highest_post_number: z.number().int().min(0).default(0),
  views: z.number().int().min(0).default(0),
  // Older Discourse sends tag names, newer sends {id, name, slug} (docs/spec/discourse-contract.md §3.2).
  tags: z.array(tag).default([]),
});

const likePayload = z.object({ post: postPayload, user: basicUser });

const categoryPayload = z.object({ id: z.number().int() });

export const bodySchemas = {
  post: z.object({ post: postPayload }),
  topic: z.object({ topic: topicPayload }),
  like: z.object({ like: likePayload }),
  category: z.object({ category: categoryPayload }),
} as const;

export type PostPayload = z.infer<typeof postPayload>;
export type TopicPayload = z.infer<typeof topicPayload>;

export interface UserRef {
  id: number;
  username: string;
}

/** One post as the forum described it at one moment. */
export interface PostObservation {
  id: number;
  topicId: number;
  number: number;
  postType: number;
  userId: number;
  username: string;
  raw: string;
  version: number;
  updatedAt: string;
  createdAt: string;
  deleted: boolean;
  staff: boolean;
  topic: { title: string | null; slug: string | null; categoryId: number | null; archetype: string };
}

/** A topic as the forum described it at one moment. */
export interface TopicObservation {
  id: number;
  title: string;
  slug: string | null;
  categoryId: number | null;
  archetype: string;
  closed: boolean;
  archived: boolean;
  visible: boolean;
  deleted: boolean;
  author: UserRef | null;
  tags: string[];
  highestPostNumber: number;
  /** Only ever grows: orders two edits that added no post. */
  views: number;
  /**
   * Topic payloads carry no version; the forum's delivery id breaks ties between
   * observations with the same highest post number (0 for a state read by the API).
   */
  eventId: number;
}

export type Observation =
  | { kind: 'post'; post: PostObservation }
  | { kind: 'like'; post: PostObservation; liker: UserRef }
  | { kind: 'topic'; topic: TopicObservation }
  | { kind: 'category'; categoryId: number }
  /** A post in a private message: only an approver's answer to the service's prompt matters. */
  | { kind: 'pm_post'; post: PostObservation };

export function observePost(p: PostPayload): PostObservation {
  return {
    id: p.id,
    topicId: p.topic_id,
    number: p.post_number,
    postType: p.post_type,
    userId: p.user_id,
    username: p.username,
    raw: p.raw,
    version: p.version,
    updatedAt: p.updated_at,
    createdAt: p.created_at,
    // A self-deleted post keeps deleted_at null at first, with user_deleted set (docs/spec/discourse-contract.md §2.3).
    deleted: p.deleted_at != null || p.user_deleted,
    staff: p.staff || p.admin || p.moderator,
    topic: {
      title: p.topic_title ?? null,
      slug: p.topic_slug ?? null,
      categoryId: p.category_id ?? null,
      archetype: p.topic_archetype,
    },
  };
}

export function observeTopic(t: TopicPayload, eventId: number): TopicObservation {
  const author = t.created_by ?? null;
  return {
    id: t.id,
    title: t.title,
    slug: t.slug ?? null,
    categoryId: t.category_id ?? null,
    archetype: t.archetype,
    closed: t.closed,
    archived: t.archived,
    visible: t.visible,
    deleted: t.deleted_at != null,
    author: author
      ? { id: author.id, username: author.username }
      : t.user_id != null
        ? { id: t.user_id, username: '' }
        : null,
    tags: [...t.tags].sort(),
    highestPostNumber: t.highest_post_number,
    views: t.views,
    eventId,
  };
}
