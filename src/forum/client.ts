import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import pRetry from 'p-retry';
import type { z } from 'zod';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { ForumBudget } from './budget.js';
import { DryRunWrite, ForumError } from './errors.js';
import {
  createdCategorySchema,
  createdPostSchema,
  currentUserSchema,
  editedPostSchema,
  errorBody,
  groupSchema,
  likersSchema,
  oneWebHookSchema,
  pluginsSchema,
  postsSchema,
  siteSchema,
  siteSettingsSchema,
  topicListSchema,
  topicSchema,
  userSchema,
  webHooksSchema,
  type ForumUser,
  type StreamPost,
  type TopicListItem,
  type WebHook,
} from './responses.js';

export interface ForumClientOptions {
  baseUrl: string;
  apiKey: string;
  apiUsername: string;
  budget: ForumBudget;
  logger: Logger;
  metrics?: Metrics;
  timeoutMs?: number;
  /** Reads go to the forum; every write is logged and refused with DryRunWrite. */
  dryRun?: boolean;
  /** Retries of a transient failure of a read or an edit (not of a create: see `send`). */
  retries?: number;
  minRetryMs?: number;
}

export interface CategoryInfo {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
}

export interface NewPost {
  raw: string;
  /** A reply in this topic; without it, a new topic or private message. */
  topicId?: number;
  title?: string;
  archetype?: 'private_message';
  /** Usernames and group names, for a private message. */
  targetRecipients?: string[];
  /** The category of a new topic. */
  categoryId?: number;
  /** A key of ours on the new topic, so a create that timed out can be found (reliability §4). */
  externalId?: string;
}

/**
 * The webhook fields the service sets (docs/spec/discourse-contract.md §6.5: nested under
 * web_hook, event types by id).
 */
export interface WebHookSettings {
  payload_url: string;
  content_type: number;
  secret: string;
  wildcard_web_hook: boolean;
  verify_certificate: boolean;
  active: boolean;
  web_hook_event_type_ids: number[];
  category_ids: number[];
  tag_names: string[];
  group_ids: number[];
}

export interface NewCategory {
  name: string;
  slug: string;
  color: string;
  textColor: string;
  parentCategoryId: number;
  permissions: Record<string, number>;
}

function reasonOf(status: number, data: unknown): string {
  const body = errorBody.safeParse(data);
  if (body.success && (body.data.errors?.length || body.data.error_type)) {
    return [body.data.error_type, body.data.errors?.join('; ')].filter(Boolean).join(': ').slice(0, 300);
  }
  // The per-IP limiter answers in plain text (docs/spec/discourse-contract.md §5.2).
  if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 200);
  return `HTTP ${status}`;
}

function retryAfterMs(response: AxiosResponse | undefined): number | null {
  const seconds = Number(response?.headers?.['retry-after']);
  if (response?.headers?.['retry-after'] !== undefined && Number.isFinite(seconds) && seconds >= 0)
    return seconds * 1000;
  const body = errorBody.safeParse(response?.data);
  const wait = body.success ? body.data.extras?.wait_seconds : undefined;
  return wait !== undefined ? wait * 1000 : null;
}

function toForumError(call: string, err: unknown): ForumError {
  if (err instanceof ForumError) return err;
  if (err instanceof AxiosError) {
    const status = err.response?.status ?? null;
    if (status === null) {
      const why =
        err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT'
          ? 'timed out'
          : `no answer (${err.code ?? 'network error'})`;
      return new ForumError(call, null, why, true);
    }
    const retryable = status === 429 || status >= 500;
    return new ForumError(
      call,
      status,
      reasonOf(status, err.response?.data),
      retryable,
      status === 429 ? retryAfterMs(err.response) : null,
    );
  }
  return new ForumError(call, null, (err as Error)?.message ?? String(err), false);
}

const callOf = (config: { method: string; url: string }): string => `${config.method.toUpperCase()} ${config.url}`;

function outcomeLabel(err: ForumError): string {
  if (err.status !== null) return String(err.status);
  return err.reason === 'timed out' ? 'timeout' : 'network';
}

/** The topic id in a forum URL: /t/{slug}/{id} or /t/{id}, with or without .json. */
function topicIdInUrl(url: string): number | null {
  const id = /\/t\/(?:[^/]+\/)?(\d+)/.exec(url)?.[1];
  return id ? Number(id) : null;
}

// A forum that answers 429 without saying how long: its admin window is one minute.
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * The Discourse REST API as the service uses it (docs/spec/interface.md "Forum calls"). Every
 * call takes a slot of the shared budget and has a timeout; every answer is checked
 * with zod; every failure becomes a ForumError naming the call.
 *
 * Retries: a 429 is always retried after the wait the forum asked for (nothing was
 * done). A read or an edit is retried on 5xx, timeouts and resets. A create is not:
 * its outcome is unknown, so the caller looks on the forum before trying again.
 */
/** Whether the forum answered the last call made to it, for /readyz and the start-up log. */
export type ForumHealth =
  | { status: 'not asked yet' }
  | { status: 'answers'; call: string; at: string }
  | { status: 'fails'; call: string; at: string; reason: string };

export class ForumClient {
  private readonly http: AxiosInstance;
  private readonly retries: number;
  private readonly minRetryMs: number;
  private last: ForumHealth = { status: 'not asked yet' };

  constructor(private readonly options: ForumClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      // axios waits forever by default (reliability §4).
      timeout: options.timeoutMs ?? 15_000,
      headers: { 'Api-Key': options.apiKey, 'Api-Username': options.apiUsername, Accept: 'application/json' },
      maxRedirects: 0,
    });
    this.retries = options.retries ?? 4;
    this.minRetryMs = options.minRetryMs ?? 500;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** How the last call went: the network's own reason ("connect ECONNREFUSED …") when the forum did not answer. */
  health(): ForumHealth {
    return this.last;
  }

  get dryRun(): boolean {
    return this.options.dryRun === true;
  }

  private async send<T>(
    schema: z.ZodType<T>,
    config: AxiosRequestConfig & { url: string; method: string },
  ): Promise<T> {
    const { data } = await this.request(config);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ForumError(
        callOf(config),
        200,
        `unexpected answer (${first ? `${first.path.join('.')}: ${first.message}` : 'bad shape'})`,
        false,
      );
    }
    return parsed.data;
  }

  /**
   * One call with the budget, the retries and the counting every call shares; the answer
   * unchecked. A status that `config.validateStatus` lets through is an answer, not an error.
   */
  private async request(config: AxiosRequestConfig & { url: string; method: string }): Promise<AxiosResponse<unknown>> {
    const method = config.method.toUpperCase();
    const call = callOf(config);
    if (method !== 'GET' && this.dryRun) {
      this.options.logger.info({ call, body: config.data }, 'dry run: write not sent');
      this.options.metrics?.forumCalls.inc({ method, outcome: 'dry_run' });
      throw new DryRunWrite(method, config.url, config.data);
    }
    const repeatable = method === 'GET' || method === 'PUT';
    return pRetry(
      async () => {
        await this.options.budget.take();
        try {
          const response = await this.http.request(config);
          this.options.metrics?.forumCalls.inc({
            method,
            outcome: response.status >= 400 ? String(response.status) : 'ok',
          });
          this.last = { status: 'answers', call, at: new Date().toISOString() };
          return response;
        } catch (err) {
          const error = toForumError(call, err);
          this.options.metrics?.forumCalls.inc({ method, outcome: outcomeLabel(error) });
          // An answer that refuses (4xx) is still an answer; no answer, or a 5xx, is a forum that fails.
          this.last =
            error.status !== null && error.status < 500
              ? { status: 'answers', call, at: new Date().toISOString() }
              : { status: 'fails', call, at: new Date().toISOString(), reason: error.reason };
          throw error;
        }
      },
      {
        retries: this.retries,
        minTimeout: this.minRetryMs,
        maxTimeout: 30_000,
        factor: 2,
        randomize: true,
        maxRetryTime: 10 * 60_000,
        // A 429 is the forum saying "later", not a failure: it does not use up a retry.
        shouldConsumeRetry: ({ error }) => !(error instanceof ForumError && error.status === 429),
        onFailedAttempt: async ({ error }) => {
          if (!(error instanceof ForumError)) return;
          if (error.status === 429) {
            const wait = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
            this.options.logger.warn({ call, waitMs: wait }, 'forum rate limit reached; every call waits');
            await this.options.budget.pause(wait);
          } else if (error.authRefused) {
            this.alert('forum_auth', error);
          }
        },
        shouldRetry: ({ error }) =>
          error instanceof ForumError && (error.status === 429 || (error.retryable && repeatable)),
      },
    );
  }

  /** Logs and counts a problem a person must fix; the job that met it stops retrying. */
  alert(reason: 'forum_auth' | 'forum_rejected', error: ForumError): void {
    this.options.metrics?.alerts.inc({ reason });
    const hint =
      reason === 'forum_auth'
        ? 'check DISCOURSE_API_KEY and DISCOURSE_API_USERNAME: the key must be an admin key allowed to use this route'
        : 'the forum refused this write; see the reason';
    this.options.logger.error(
      { alert: reason, call: error.call, status: error.status, reason: error.reason },
      `ALERT: ${error.message}; ${hint}`,
    );
  }

  /** Every category, subcategories included (docs/spec/discourse-contract.md §6.1). */
  async listCategories(): Promise<CategoryInfo[]> {
    const site = await this.send(siteSchema, { method: 'GET', url: '/site.json' });
    return site.categories.map((c) => ({
      id: c.id,
      name: c.name,
      slug: c.slug,
      parentId: c.parent_category_id ?? null,
    }));
  }

  async getTopic(topicId: number) {
    return this.send(topicSchema, { method: 'GET', url: `/t/${topicId}.json?include_raw=true` });
  }

  async getPosts(topicId: number, postIds: readonly number[]): Promise<StreamPost[]> {
    const query = postIds.map((id) => `post_ids[]=${id}`).join('&');
    const answer = await this.send(postsSchema, {
      method: 'GET',
      url: `/t/${topicId}/posts.json?${query}&include_raw=true`,
    });
    return answer.post_stream.posts;
  }

  /**
   * The topic created with this external id, or null. The forum answers with a redirect
   * to the topic (TopicsController#show_by_external_id), which is read, not followed.
   */
  async findTopicByExternalId(externalId: string): Promise<number | null> {
    const config = {
      method: 'GET',
      url: `/t/external_id/${encodeURIComponent(externalId)}.json`,
      validateStatus: (s: number) => s < 400 || s === 404,
    };
    const call = callOf(config);
    // Through the same retries as every read: a 429 or a 502 here is "ask again", not "failed".
    const response = await this.request(config);
    if (response.status === 404) return null;
    const fromLocation = topicIdInUrl(String(response.headers?.location ?? ''));
    if (fromLocation !== null) return fromLocation;
    const body = response.data as { id?: unknown } | undefined;
    if (typeof body?.id === 'number') return body.id;
    throw new ForumError(call, response.status, 'answered without naming the topic', false);
  }

  async createPost(post: NewPost): Promise<{ id: number; topicId: number; postNumber: number }> {
    const body: Record<string, unknown> = { raw: post.raw };
    if (post.topicId !== undefined) body.topic_id = post.topicId;
    if (post.title !== undefined) body.title = post.title;
    if (post.archetype) body.archetype = post.archetype;
    if (post.targetRecipients) body.target_recipients = post.targetRecipients.join(',');
    if (post.externalId) body.external_id = post.externalId;
    if (post.categoryId !== undefined) body.category = post.categoryId;
    let created;
    try {
      created = await this.send(createdPostSchema, { method: 'POST', url: '/posts.json', data: body });
    } catch (err) {
      // A post held for review answers without an id: it exists, but not as a post yet.
      if (err instanceof ForumError && err.status === 200)
        throw new ForumError(err.call, 200, 'the post was queued for review instead of published', false);
      throw err;
    }
    return { id: created.id, topicId: created.topic_id, postNumber: created.post_number };
  }

  async editPost(postId: number, raw: string, editReason: string): Promise<void> {
    await this.send(editedPostSchema, {
      method: 'PUT',
      url: `/posts/${postId}.json`,
      data: { post: { raw, edit_reason: editReason } },
    });
  }

  async createCategory(
    c: NewCategory,
  ): Promise<{ id: number; name: string; slug: string; aboutTopicId: number | null }> {
    const answer = await this.send(createdCategorySchema, {
      method: 'POST',
      url: '/categories.json',
      data: {
        name: c.name,
        slug: c.slug,
        color: c.color,
        text_color: c.textColor,
        parent_category_id: c.parentCategoryId,
        permissions: c.permissions,
      },
    });
    return {
      id: answer.category.id,
      name: answer.category.name,
      slug: answer.category.slug,
      aboutTopicId: topicIdInUrl(answer.category.topic_url ?? ''),
    };
  }

  async getUser(username: string): Promise<ForumUser> {
    return (await this.send(userSchema, { method: 'GET', url: `/u/${encodeURIComponent(username)}.json` })).user;
  }

  /** One page (zero-based) of the topics of a category and its subcategories, most recently bumped first. */
  async listCategoryTopics(
    category: { id: number; slug: string },
    page: number,
  ): Promise<{ topics: TopicListItem[]; more: boolean }> {
    const answer = await this.send(topicListSchema, {
      method: 'GET',
      url: `/c/${encodeURIComponent(category.slug)}/${category.id}.json?page=${page}`,
    });
    return { topics: answer.topic_list.topics, more: !!answer.topic_list.more_topics_url };
  }

  /** Who liked a post: the forum sends no unlike event, and a missed like delivery is only found here. */
  async likers(postId: number): Promise<Array<{ id: number; username: string }>> {
    return (
      await this.send(likersSchema, {
        method: 'GET',
        url: `/post_action_users.json?id=${postId}&post_action_type_id=2`,
      })
    ).post_action_users;
  }

  async currentUser() {
    return (await this.send(currentUserSchema, { method: 'GET', url: '/session/current.json' })).current_user;
  }

  /** A group by name, or null when the forum has none by that name. */
  async findGroup(name: string): Promise<{ id: number; name: string } | null> {
    try {
      return (await this.send(groupSchema, { method: 'GET', url: `/groups/${encodeURIComponent(name)}.json` })).group;
    } catch (err) {
      if (err instanceof ForumError && err.status === 404) return null;
      throw err;
    }
  }

  /** The forum's plugins and whether each is on (admin only). */
  async listPlugins(): Promise<Array<{ name: string; enabled: boolean }>> {
    const answer = await this.send(pluginsSchema, { method: 'GET', url: '/admin/plugins.json' });
    return answer.plugins.map((p) => ({ name: p.name, enabled: p.enabled }));
  }

  /**
   * The named site settings (admin only), or null on a forum without the route that
   * filters them (older versions answer 404 there).
   */
  async siteSettings(names: readonly string[]): Promise<Record<string, unknown> | null> {
    const query = names.map((n) => `filter_names[]=${encodeURIComponent(n)}`).join('&');
    try {
      const answer = await this.send(siteSettingsSchema, {
        method: 'GET',
        url: `/admin/config/site_settings.json?${query}`,
      });
      return Object.fromEntries(answer.site_settings.map((s) => [s.setting, s.value]));
    } catch (err) {
      if (err instanceof ForumError && err.status === 404) return null;
      throw err;
    }
  }

  async listWebHooks(): Promise<{ webHooks: WebHook[]; eventTypes: Array<{ id: number; name: string }> | null }> {
    const answer = await this.send(webHooksSchema, { method: 'GET', url: '/admin/api/web_hooks.json' });
    const grouped = answer.extras?.grouped_event_types;
    return { webHooks: answer.web_hooks, eventTypes: grouped ? Object.values(grouped).flat() : null };
  }

  async createWebHook(settings: WebHookSettings): Promise<WebHook> {
    return (
      await this.send(oneWebHookSchema, {
        method: 'POST',
        url: '/admin/api/web_hooks.json',
        data: { web_hook: settings },
      })
    ).web_hook;
  }

  async updateWebHook(id: number, settings: WebHookSettings): Promise<WebHook> {
    return (
      await this.send(oneWebHookSchema, {
        method: 'PUT',
        url: `/admin/api/web_hooks/${id}.json`,
        data: { web_hook: settings },
      })
    ).web_hook;
  }
}
