import { z } from 'zod';

/**
 * The parts of the forum's answers the service reads (discourse-contract.md §6). Unknown
 * fields are dropped, so a newer Discourse that adds fields changes nothing here.
 */
const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  parent_category_id: z.number().int().nullish(),
});

export const siteSchema = z.object({ categories: z.array(categorySchema) });

const streamPost = z.object({
  id: z.number().int(),
  post_number: z.number().int(),
  username: z.string(),
  // Present with include_raw=true (contract §6.3).
  raw: z.string().nullish(),
});
export type StreamPost = z.infer<typeof streamPost>;

/** GET /t/{id}.json: the first chunk of posts, and every post id of the thread. */
export const topicSchema = z.object({
  id: z.number().int(),
  title: z.string().optional(),
  slug: z.string().optional(),
  post_stream: z.object({
    posts: z.array(streamPost),
    stream: z.array(z.number().int()).optional(),
  }),
});

/** GET /t/{id}/posts.json?post_ids[]=… */
export const postsSchema = z.object({ post_stream: z.object({ posts: z.array(streamPost) }) });

/**
 * POST /posts.json answers the post itself; a post held for review answers the result
 * object instead, which has no post id (contract §6.3).
 */
export const createdPostSchema = z.object({
  id: z.number().int(),
  topic_id: z.number().int(),
  post_number: z.number().int(),
});

export const editedPostSchema = z.object({ post: z.object({ id: z.number().int() }) });

export const createdCategorySchema = z.object({
  category: z.object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    // The "About" topic whose first post is the category's description (contract §6.1).
    topic_url: z.string().nullish(),
  }),
});

/** GET /u/{username}.json, for approver checks and organisers' companies. */
export const userSchema = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    admin: z.boolean().optional(),
    moderator: z.boolean().optional(),
    groups: z.array(z.object({ id: z.number().int(), name: z.string() })).optional(),
    website: z.string().nullish(),
    user_fields: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])).nullish(),
  }),
});
export type ForumUser = z.infer<typeof userSchema>['user'];

export const errorBody = z.object({
  errors: z.array(z.string()).optional(),
  error_type: z.string().optional(),
  extras: z.object({ wait_seconds: z.number().optional() }).nullish(),
});
