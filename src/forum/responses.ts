import { z } from 'zod';

/**
 * The parts of the forum's answers the service reads (docs/spec/discourse-contract.md §6). Unknown
 * fields are dropped, so a newer Discourse that adds fields changes nothing here.
 */
const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  parent_category_id: z.number().int().nullish(),
});

export const siteSchema = z.object({ categories: z.array(categorySchema) });

// Loose: a resync reads the rest of the post (version, dates, type) with the webhook schema.
const streamPost = z.looseObject({
  id: z.number().int(),
  post_number: z.number().int(),
  username: z.string(),
  // Present with include_raw=true (docs/spec/discourse-contract.md §6.3).
  raw: z.string().nullish(),
});
export type StreamPost = z.infer<typeof streamPost>;

/** GET /t/{id}.json: the first chunk of posts, and every post id of the thread. */
export const topicSchema = z.looseObject({
  id: z.number().int(),
  title: z.string().optional(),
  slug: z.string().optional(),
  // Who opened it: TopicViewSerializer puts it under details (webhook payloads at the top).
  details: z.object({ created_by: z.object({ id: z.number().int(), username: z.string() }).nullish() }).nullish(),
  post_stream: z.object({
    posts: z.array(streamPost),
    stream: z.array(z.number().int()).optional(),
  }),
});

/** GET /t/{id}/posts.json?post_ids[]=… */
export const postsSchema = z.object({ post_stream: z.object({ posts: z.array(streamPost) }) });

/**
 * POST /posts.json answers the post itself; a post held for review answers the result
 * object instead, which has no post id (docs/spec/discourse-contract.md §6.3).
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
    // The "About" topic whose first post is the category's description (docs/spec/discourse-contract.md §6.1).
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

/**
 * GET /c/{slug}/{id}.json?page=N: one page of a category's topics, subcategories' included
 * (docs/spec/discourse-contract.md §6.1).
 */
export const topicListSchema = z.object({
  topic_list: z.object({
    topics: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        category_id: z.number().int().nullish(),
        highest_post_number: z.number().int().default(0),
        closed: z.boolean().default(false),
        archived: z.boolean().default(false),
        visible: z.boolean().default(true),
        archetype: z.string().default('regular'),
        bumped_at: z.string().nullish(),
        created_at: z.string().nullish(),
        last_posted_at: z.string().nullish(),
        last_poster_username: z.string().nullish(),
        pinned: z.boolean().default(false),
      }),
    ),
    more_topics_url: z.string().nullish(),
  }),
});
export type TopicListItem = z.infer<typeof topicListSchema>['topic_list']['topics'][number];

/** GET /post_action_users.json?id=…&post_action_type_id=2: who liked a post. */
export const likersSchema = z.object({
  post_action_users: z.array(z.object({ id: z.number().int(), username: z.string() })),
});

/** GET /session/current.json: the user the API key acts as. */
export const currentUserSchema = z.object({
  current_user: z.object({
    id: z.number().int(),
    username: z.string(),
    admin: z.boolean().optional(),
    moderator: z.boolean().optional(),
  }),
});

/** GET /groups/{name}.json */
export const groupSchema = z.object({ group: z.object({ id: z.number().int(), name: z.string() }) });

/** The forum's webhooks (docs/spec/discourse-contract.md §6.5; AdminWebHookSerializer). */
const webHookSchema = z.object({
  id: z.number().int(),
  payload_url: z.string(),
  content_type: z.number().int(),
  secret: z.string().nullish(),
  wildcard_web_hook: z.boolean().default(false),
  verify_certificate: z.boolean().default(true),
  active: z.boolean().default(false),
  // 1 inactive, 2 failed, 3 successful (WebHook.last_delivery_statuses).
  last_delivery_status: z.number().int().nullish(),
  web_hook_event_types: z.array(z.object({ id: z.number().int(), name: z.string() })).default([]),
  category_ids: z.array(z.number().int()).nullish(),
  tag_names: z.array(z.string()).nullish(),
  group_ids: z.array(z.number().int()).nullish(),
});
export type WebHook = z.infer<typeof webHookSchema>;

const eventType = z.object({ id: z.number().int(), name: z.string() });
export const webHooksSchema = z.object({
  web_hooks: z.array(webHookSchema),
  extras: z.object({ grouped_event_types: z.record(z.string(), z.array(eventType)).nullish() }).nullish(),
});
export const oneWebHookSchema = z.object({ web_hook: webHookSchema });

/** GET /admin/plugins.json (Admin::PluginsController, AdminPluginSerializer): installed plugins. */
export const pluginsSchema = z.object({
  plugins: z.array(z.looseObject({ id: z.string().optional(), name: z.string(), enabled: z.boolean() })),
});

/** GET /admin/config/site_settings.json?filter_names[]=…: the named settings, on forums that have this route. */
export const siteSettingsSchema = z.object({
  site_settings: z.array(z.looseObject({ setting: z.string(), value: z.unknown() })),
});
