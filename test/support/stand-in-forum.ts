import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebHookSettings } from '../../src/forum/client.js';
import { deliveryHeaders } from './fixtures.js';
import { checkingForumCalls, forumContract } from './forum-contract.js';
import { SITE_CATEGORIES, siteCategory } from './forum-data.js';

/**
 * A stand-in Discourse on loopback, for end-to-end tests, the fault suite and the demo.
 * It keeps a small forum's state (categories, users, groups, topics, posts, likes,
 * webhooks), answers the REST calls the service makes in Discourse's shapes
 * (docs/spec/discourse-contract.md §5–6), and sends signed webhook deliveries the way the
 * forum's emit job does (§1): the same headers, bodies keyed by type, one event id each.
 * People's actions (a new topic, a reply, a like) are methods; the service's actions
 * arrive over HTTP and fire webhooks too, as on a real forum.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Epoch ms when the request had arrived whole: tests read waits (Retry-After) from it. */
  at: number;
}

export interface StandInUser {
  id: number;
  username: string;
  admin?: boolean;
  moderator?: boolean;
  groups?: string[];
  website?: string | null;
  /** user_fields.company: the key the default config reads (organisers.companyUserField). */
  company?: string;
}

export interface CategoryRow {
  id: number;
  name: string;
  slug: string;
  parent_category_id: number | null;
  color?: string;
  text_color?: string;
}

interface TopicRow {
  id: number;
  title: string;
  slug: string;
  category_id: number | null;
  archetype: 'regular' | 'private_message';
  user_id: number;
  closed: boolean;
  archived: boolean;
  visible: boolean;
  deleted_at: string | null;
  tags: string[];
  views: number;
  created_at: string;
  bumped_at: string;
  external_id: string | null;
  allowed: string[];
  /** A category's About topic is pinned in it, as Discourse does. */
  pinned?: boolean;
}

interface PostRow {
  id: number;
  topic_id: number;
  post_number: number;
  user_id: number;
  username: string;
  raw: string;
  post_type: number;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  likers: number[];
}

interface WebHookRow extends WebHookSettings {
  id: number;
  last_delivery_status: number;
}

/**
 * What an injected fault does: answer a status, hang, or reset, before doing anything;
 * or do the work and then hang, reset or answer 500 ("after:…"): the call landed, but
 * the caller cannot know.
 */
export type FaultReply = number | 'hang' | 'reset' | 'after:hang' | 'after:reset' | 'after:500';

interface Fault {
  method: string;
  path: RegExp;
  reply: FaultReply;
  retryAfter?: number;
}

/** WebHookEventType ids (docs/spec/discourse-contract.md §2.1) by event name. */
export const EVENT_TYPE_IDS: Record<string, number> = {
  topic_created: 101,
  topic_revised: 102,
  topic_edited: 103,
  topic_destroyed: 104,
  topic_recovered: 105,
  post_created: 201,
  post_edited: 202,
  post_destroyed: 203,
  post_recovered: 204,
  category_created: 501,
  category_updated: 502,
  category_destroyed: 503,
  post_liked: 1501,
};

const STATUS_EVENT_TYPE = EVENT_TYPE_IDS.topic_edited!;

export interface Delivery {
  webHookId: number;
  event: string;
  eventType: string;
  eventId: number;
  status: number | 'error' | 'dropped';
  body: string;
}

/** A delivery as the forum would have sent it: its event, exact body and signed headers. */
export interface SignedDelivery {
  event: string;
  body: string;
  headers: Record<string, string>;
}

export class StandInForum {
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: Delivery[] = [];
  readonly categories: CategoryRow[];
  readonly users = new Map<string, StandInUser>();
  readonly groups = new Map<string, number>([
    ['moderators', 2],
    ['staff', 3],
    ['admins', 1],
  ]);
  readonly topics = new Map<number, TopicRow>();
  readonly posts: PostRow[] = [];
  readonly webHooks: WebHookRow[] = [];
  /** While set, the forum "fails" to deliver: the event is logged as dropped, as when the receiver was down. */
  dropDeliveries = false;
  /** Installed plugins, as Admin > Plugins lists them. */
  readonly plugins: Array<{ id: string; name: string; enabled: boolean }> = [];
  /** Site settings the admin API shows by name; a forum without the filtering route when null. */
  siteSettings: Record<string, unknown> | null = {};
  /** Topics per page of a category list (Discourse's topics_per_page is 30). */
  perPage = 30;
  private readonly faults: Fault[] = [];
  private readonly pendingDeliveries = new Set<Promise<void>>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly apiCalls: number[] = [];
  private server: Server | null = null;
  private nextTopicId = 40_000;
  private nextPostId = 400_000;
  private nextCategoryId = 300;
  private nextEventId = 90_000;
  private nextWebHookId = 1;
  private clock = Date.parse('2026-11-02T09:00:00.000Z');
  url = '';

  constructor(
    readonly options: {
      apiKey?: string;
      apiUsername?: string;
      instance?: string;
      rateLimitPerMinute?: number;
      /** The category tree; SITE_CATEGORIES (forum.mautic.org's shape) when not given. */
      categories?: readonly CategoryRow[];
      /** What the forum stamps posts and topics with; a minute more for each, from a fixed day, when not given. */
      clock?: () => number;
    } = {},
  ) {
    this.categories = (options.categories ?? SITE_CATEGORIES).map((c) => ({ ...c }));
    this.addUser({
      id: -1,
      username: options.apiUsername ?? 'system',
      admin: true,
      moderator: true,
      groups: ['admins', 'staff', 'moderators'],
    });
  }

  get apiUsername(): string {
    return this.options.apiUsername ?? 'system';
  }

  addUser(user: StandInUser): void {
    this.users.set(user.username.toLowerCase(), user);
    for (const g of user.groups ?? []) if (!this.groups.has(g)) this.groups.set(g, 40 + this.groups.size);
  }

  /** A webhook to `url` with every event the service subscribes to, as register-webhook leaves it. */
  hookTo(url: string, secret: string): void {
    this.addWebHook({
      payload_url: url,
      content_type: 1,
      secret,
      wildcard_web_hook: false,
      verify_certificate: true,
      active: true,
      web_hook_event_type_ids: Object.values(EVENT_TYPE_IDS),
      category_ids: [],
      tag_names: [],
      group_ids: [],
    });
  }

  private addWebHook(settings: WebHookSettings): WebHookRow {
    const hook: WebHookRow = { id: this.nextWebHookId++, ...settings, last_delivery_status: 1 };
    this.webHooks.push(hook);
    return hook;
  }

  /**
   * The deliveries recorded so far (with `dropDeliveries`), taken out and signed with
   * `secret`: a test or benchmark then decides their order, duplicates and receiver.
   */
  takeRecorded(secret: string): SignedDelivery[] {
    return this.deliveries.splice(0).map((d) => ({
      event: d.event,
      body: d.body,
      headers: deliveryHeaders({
        event: d.event,
        eventType: d.eventType,
        eventId: d.eventId,
        body: d.body,
        secret,
        instance: this.options.instance,
      }),
    }));
  }

  /**
   * Calls answered 429 because they came while an injected 429's `Retry-After` still ran: as
   * Discourse's limiter does, the forum refuses every call until the wait it asked for is over.
   */
  refusedWithinRetryAfter = 0;
  private limitedUntil = 0;

  /** The next matching call answers `reply` instead (`times` times); a 429 with `retryAfter` holds every call for that long. */
  fail(method: string, path: RegExp, reply: FaultReply, times = 1, retryAfter?: number): void {
    for (let i = 0; i < times; i++) this.faults.push({ method, path, reply, retryAfter });
  }

  /** The most API calls the forum saw in any 60 s window. */
  maxCallsPerMinute(): number {
    let best = 0;
    let start = 0;
    for (let end = 0; end < this.apiCalls.length; end++) {
      while (this.apiCalls[end]! - this.apiCalls[start]! >= 60_000) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  postsIn(topicId: number, includeDeleted = false): PostRow[] {
    return this.posts
      .filter((p) => p.topic_id === topicId && (includeDeleted || !p.deleted_at))
      .sort((a, b) => a.post_number - b.post_number);
  }

  /** Waits until every webhook delivery sent so far has been answered. */
  async flush(): Promise<void> {
    while (this.pendingDeliveries.size > 0) await Promise.all([...this.pendingDeliveries]);
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        this.requests.push(recorded);
        if (checkingForumCalls() && req.headers['api-key']) this.checkAgainstTheDocument(recorded, res);
        try {
          this.answer(recorded, req, res);
        } catch (err) {
          json(res, 500, { errors: [(err as Error).message] });
        }
      });
    });
    if (checkingForumCalls()) forumContract().warm();
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
    await this.flush();
  }

  // --- what people do on the forum -------------------------------------------------

  createTopic(
    username: string,
    title: string,
    raw: string,
    options: { categoryId?: number; tags?: string[] } = {},
  ): { topicId: number; postId: number } {
    const user = this.user(username);
    const at = this.tick();
    const topic = this.addTopic(at, {
      title,
      category_id: options.categoryId ?? 61,
      user_id: user.id,
      tags: options.tags ?? [],
      views: 1,
    });
    const post = this.addPost(topic, user, raw, at);
    this.emit('topic_created', 'topic', { topic: this.topicPayload(topic) }, topic);
    this.emit('post_created', 'post', { post: this.postPayload(post) }, topic);
    return { topicId: topic.id, postId: post.id };
  }

  reply(username: string, topicId: number, raw: string): number {
    const topic = this.topic(topicId);
    const post = this.addPost(topic, this.user(username), raw, this.tick());
    topic.bumped_at = post.created_at;
    this.emit('post_created', 'post', { post: this.postPayload(post) }, topic);
    return post.id;
  }

  edit(postId: number, raw: string): void {
    const post = this.post(postId);
    Object.assign(post, { raw, version: post.version + 1, updated_at: this.tick() });
    this.emit('post_edited', 'post', { post: this.postPayload(post) }, this.topic(post.topic_id));
  }

  destroy(postId: number): void {
    const post = this.post(postId);
    const at = this.tick();
    Object.assign(post, { deleted_at: at, updated_at: at });
    this.emit('post_destroyed', 'post', { post: this.postPayload(post) }, this.topic(post.topic_id));
  }

  like(username: string, postId: number): void {
    const post = this.post(postId);
    const user = this.user(username);
    if (!post.likers.includes(user.id)) post.likers.push(user.id);
    this.emit(
      'post_liked',
      'like',
      {
        like: {
          post: this.postPayload(post),
          user: { id: user.id, username: user.username, name: user.username, avatar_template: '' },
        },
      },
      this.topic(post.topic_id),
    );
  }

  /** Closing adds a small-action post and sends topic_closed_status_updated (docs/spec/discourse-contract.md §2.2). */
  close(topicId: number): void {
    const topic = this.topic(topicId);
    topic.closed = true;
    this.addPost(topic, this.user(this.apiUsername), '', this.tick(), 3);
    this.emit('topic_closed_status_updated', 'topic', { topic: this.topicPayload(topic) }, topic, STATUS_EVENT_TYPE);
  }

  // --- the REST API ------------------------------------------------------------------

  /** The service's request, and the answer this forum gives it, against Discourse's OpenAPI document. */
  private checkAgainstTheDocument(req: RecordedRequest, res: ServerResponse): void {
    forumContract().request(req.method, req.url, req.body, req.headers);
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args) => {
      const chunk = args[0];
      const body = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : '';
      forumContract().answer(req.method, req.url, res.statusCode, body);
      return end(...args);
    };
  }

  private answer(req: RecordedRequest, raw: IncomingMessage, res: ServerResponse): void {
    const [path = '/', query = ''] = req.url.split('?');
    const params = new URLSearchParams(query);
    if (req.headers['api-key'] !== (this.options.apiKey ?? req.headers['api-key']) || !req.headers['api-key']) {
      json(res, 403, {
        errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'],
        error_type: 'invalid_access',
      });
      return;
    }
    const now = Date.now();
    this.apiCalls.push(now);
    if (now < this.limitedUntil) {
      this.refusedWithinRetryAfter++;
      const seconds = Math.ceil((this.limitedUntil - now) / 1000);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(seconds) });
      res.end(JSON.stringify({ errors: ['Slow down'], error_type: 'rate_limit', extras: { wait_seconds: seconds } }));
      return;
    }
    const limit = this.options.rateLimitPerMinute;
    if (limit && this.apiCalls.filter((t) => now - t < 60_000).length > limit) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(
        JSON.stringify({
          errors: ['You’ve performed this action too many times. Please wait 5 seconds before trying again.'],
          error_type: 'rate_limit',
          extras: { wait_seconds: 5 },
        }),
      );
      return;
    }
    const faultAt = this.faults.findIndex((f) => f.method === req.method && f.path.test(path));
    if (
      faultAt >= 0 &&
      typeof this.faults[faultAt]!.reply === 'string' &&
      String(this.faults[faultAt]!.reply).startsWith('after:')
    ) {
      const [fault] = this.faults.splice(faultAt, 1);
      // Do the work against a response nobody reads, then fail the real one.
      const sink = {
        writeHead: () => sink,
        setHeader: () => undefined,
        end: () => undefined,
      } as unknown as ServerResponse;
      this.route(req, path, params, sink);
      if (fault!.reply === 'after:hang') this.hanging.add(res);
      else if (fault!.reply === 'after:reset') raw.socket.destroy();
      else json(res, 500, { errors: ['injected 500 after the work was done'], error_type: 'server_error' });
      return;
    }
    if (faultAt >= 0) {
      const [fault] = this.faults.splice(faultAt, 1);
      if (fault!.reply === 'hang') {
        this.hanging.add(res);
        return;
      }
      if (fault!.reply === 'reset') {
        raw.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const status = Number(fault!.reply);
      if (fault!.retryAfter !== undefined) {
        headers['retry-after'] = String(fault!.retryAfter);
        if (status === 429) this.limitedUntil = now + fault!.retryAfter * 1000;
      }
      res.writeHead(status, headers);
      res.end(
        JSON.stringify({ errors: [`injected ${status}`], error_type: status === 429 ? 'rate_limit' : 'server_error' }),
      );
      return;
    }
    this.route(req, path, params, res);
  }

  private route(req: RecordedRequest, path: string, params: URLSearchParams, res: ServerResponse): void {
    const body = req.body.startsWith('{') ? JSON.parse(req.body) : {};
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && path === '/site.json')
      return void json(res, 200, {
        categories: this.categories.map(siteCategory),
        post_types: { regular: 1, moderator_action: 2, small_action: 3, whisper: 4 },
      });
    if (req.method === 'GET' && path === '/session/current.json') {
      const me = this.user(this.apiUsername);
      return void json(res, 200, {
        current_user: { id: me.id, username: me.username, admin: !!me.admin, moderator: !!me.moderator },
      });
    }
    if (req.method === 'GET' && (m = /^\/c\/(?:[^/]+\/)*(\d+)\.json$/.exec(path)))
      return void this.categoryTopics(res, Number(m[1]), Number(params.get('page') ?? 0));
    if (req.method === 'GET' && (m = /^\/t\/external_id\/([^/]+)\.json$/.exec(path))) {
      const topic = [...this.topics.values()].find((t) => t.external_id === decodeURIComponent(m![1]!));
      if (!topic) return void notFound(res);
      res.writeHead(301, { location: `${this.url}/t/${topic.slug}/${topic.id}.json` });
      return void res.end();
    }
    if (req.method === 'GET' && (m = /^\/t\/(\d+)\/posts\.json$/.exec(path))) {
      const ids = params.getAll('post_ids[]').map(Number);
      const posts = this.postsIn(Number(m[1])).filter((p) => ids.includes(p.id));
      return void json(res, 200, { post_stream: { posts: posts.map((p) => this.restPost(p)) }, id: Number(m[1]) });
    }
    if (req.method === 'GET' && (m = /^\/t\/(\d+)\.json$/.exec(path)))
      return void this.topicView(res, Number(m[1]), params.get('include_raw') === 'true');
    if (req.method === 'GET' && (m = /^\/u\/([^/]+)\.json$/.exec(path))) {
      const user = this.users.get(decodeURIComponent(m[1]!).toLowerCase());
      if (!user) return void notFound(res);
      return void json(res, 200, {
        user_badges: [],
        user: {
          id: user.id,
          username: user.username,
          name: user.username,
          admin: !!user.admin,
          moderator: !!user.moderator,
          trust_level: 2,
          website: user.website ?? null,
          user_fields: user.company ? { company: user.company } : {},
          groups: (user.groups ?? []).map((g) => ({
            id: this.groups.get(g)!,
            name: g,
            automatic: ['moderators', 'staff', 'admins'].includes(g),
          })),
        },
      });
    }
    if (req.method === 'GET' && (m = /^\/groups\/([^/]+)\.json$/.exec(path))) {
      const name = decodeURIComponent(m[1]!);
      const id = this.groups.get(name);
      return void (id === undefined ? notFound(res) : json(res, 200, { group: { id, name } }));
    }
    if (req.method === 'GET' && path === '/post_action_users.json') {
      const post = this.posts.find((p) => p.id === Number(params.get('id')));
      if (!post) return void notFound(res);
      const users = post.likers
        .map((id) => [...this.users.values()].find((u) => u.id === id)!)
        .map((u) => ({ id: u.id, username: u.username, name: u.username, avatar_template: '' }));
      return void json(res, 200, { post_action_users: users });
    }
    if (req.method === 'POST' && path === '/posts.json') return void this.createPostByApi(res, body);
    if (req.method === 'PUT' && (m = /^\/posts\/(\d+)\.json$/.exec(path))) {
      const post = this.posts.find((p) => p.id === Number(m![1]));
      if (!post) return void notFound(res);
      if (post.raw !== body.post?.raw) {
        Object.assign(post, { raw: body.post.raw, version: post.version + 1, updated_at: this.tick() });
        this.emit('post_edited', 'post', { post: this.postPayload(post) }, this.topic(post.topic_id));
      }
      return void json(res, 200, { post: this.restPost(post) });
    }
    if (req.method === 'POST' && path === '/categories.json') return void this.createCategory(res, body);
    if (req.method === 'GET' && path === '/admin/plugins.json') return void json(res, 200, { plugins: this.plugins });
    if (req.method === 'GET' && path === '/admin/config/site_settings.json') {
      const settings = this.siteSettings;
      if (settings === null) return void notFound(res);
      const names = params.getAll('filter_names[]').filter((n) => n in settings);
      return void json(res, 200, { site_settings: names.map((n) => ({ setting: n, value: settings[n] })) });
    }
    if (path === '/admin/api/web_hooks.json' || /^\/admin\/api\/web_hooks\/\d+\.json$/.test(path))
      return void this.webHookApi(req.method, path, body, res);
    notFound(res);
  }

  private categoryTopics(res: ServerResponse, categoryId: number, page: number): void {
    const ids = new Set([categoryId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const c of this.categories) {
        if (c.parent_category_id !== null && ids.has(c.parent_category_id) && !ids.has(c.id)) {
          ids.add(c.id);
          grew = true;
        }
      }
    }
    const all = [...this.topics.values()]
      .filter((t) => t.archetype === 'regular' && !t.deleted_at && ids.has(t.category_id ?? -1))
      .sort((a, b) => b.bumped_at.localeCompare(a.bumped_at) || b.id - a.id);
    const slice = all.slice(page * this.perPage, (page + 1) * this.perPage);
    json(res, 200, {
      users: [],
      primary_groups: [],
      topic_list: {
        can_create_topic: true,
        per_page: this.perPage,
        top_tags: [],
        topics: slice.map((t) => ({
          id: t.id,
          title: t.title,
          fancy_title: t.title,
          slug: t.slug,
          posts_count: this.postsIn(t.id).length,
          highest_post_number: this.highest(t.id),
          created_at: t.created_at,
          last_posted_at: t.bumped_at,
          last_poster_username: this.postsIn(t.id).at(-1)?.username ?? this.apiUsername,
          pinned: t.pinned ?? false,
          bumped: true,
          bumped_at: t.bumped_at,
          archetype: t.archetype,
          visible: t.visible,
          closed: t.closed,
          archived: t.archived,
          views: t.views,
          category_id: t.category_id,
        })),
        ...(slice.length === this.perPage ? { more_topics_url: `/c/${categoryId}?page=${page + 1}` } : {}),
      },
    });
  }

  /** TopicViewSerializer: the first 20 posts, every id in the stream; deleted posts are left out. */
  private topicView(res: ServerResponse, topicId: number, includeRaw: boolean): void {
    const topic = this.topics.get(topicId);
    if (!topic || topic.deleted_at) return void notFound(res);
    topic.views++;
    const posts = this.postsIn(topicId);
    const author = [...this.users.values()].find((u) => u.id === topic.user_id);
    // TopicViewSerializer puts the author under details only: created_by at the top is the webhook payload's.
    const { created_by: _author, ...shown } = this.topicPayload(topic);
    json(res, 200, {
      ...shown,
      details: {
        created_by: author
          ? { id: author.id, username: author.username, name: author.username, avatar_template: '' }
          : null,
      },
      post_stream: {
        posts: posts.slice(0, 20).map((p) => {
          const out: Record<string, unknown> = this.restPost(p);
          if (!includeRaw) delete out.raw;
          return out;
        }),
        stream: posts.map((p) => p.id),
      },
    });
  }

  private createPostByApi(res: ServerResponse, body: any): void {
    const user = this.user(this.apiUsername);
    if (!body.raw || String(body.raw).length < 10)
      return void json(res, 422, { action: 'create_post', errors: ['Body is too short (minimum is 10 characters)'] });
    let topic: TopicRow;
    if (body.topic_id !== undefined) {
      const found = this.topics.get(Number(body.topic_id));
      if (!found) return void json(res, 422, { action: 'create_post', errors: ['Topic not found'] });
      topic = found;
    } else {
      if (body.external_id && [...this.topics.values()].some((t) => t.external_id === body.external_id)) {
        return void json(res, 422, { action: 'create_post', errors: ['External id has already been taken'] });
      }
      const pm = body.archetype === 'private_message';
      topic = this.addTopic(this.tick(), {
        title: String(body.title ?? 'Untitled'),
        category_id: pm ? null : Number(body.category ?? 4),
        archetype: pm ? 'private_message' : 'regular',
        user_id: user.id,
        external_id: body.external_id ?? null,
        allowed: String(body.target_recipients ?? '')
          .split(',')
          .filter(Boolean),
      });
    }
    const post = this.addPost(topic, user, String(body.raw), this.tick());
    this.emit('post_created', 'post', { post: this.postPayload(post) }, topic);
    json(res, 200, { ...this.restPost(post), yours: true });
  }

  private createCategory(res: ServerResponse, body: any): void {
    const taken = this.categories.some(
      (c) =>
        c.parent_category_id === (body.parent_category_id ?? null) &&
        (c.name.toLowerCase() === String(body.name).toLowerCase() || c.slug === body.slug),
    );
    if (taken)
      return void json(res, 422, { errors: ['Category Name has already been taken'], error_type: 'record_invalid' });
    const category: CategoryRow = {
      id: this.nextCategoryId++,
      name: body.name,
      slug: body.slug,
      parent_category_id: body.parent_category_id ?? null,
      color: body.color,
      text_color: body.text_color,
    };
    this.categories.push(category);
    const at = this.tick();
    const about = this.addTopic(at, {
      title: `About the ${body.name} category`,
      slug: `about-the-${body.slug}-category`,
      category_id: category.id,
      user_id: this.user(this.apiUsername).id,
      pinned: true,
    });
    this.addPost(
      about,
      this.user(this.apiUsername),
      '[Replace this first paragraph with a brief description of your new category.]',
      at,
    );
    this.emit(
      'category_created',
      'category',
      {
        category: {
          id: category.id,
          name: category.name,
          slug: category.slug,
          parent_category_id: category.parent_category_id,
        },
      },
      null,
    );
    // The document's category answer names no parent_category_id; the service reads none.
    const { parent_category_id: _parent, ...shown } = category;
    json(res, 200, {
      category: { ...shown, topic_url: `/t/${about.slug}/${about.id}`, permission: 1, position: 30 },
    });
  }

  private webHookApi(method: string, path: string, body: any, res: ServerResponse): void {
    const id = /\/(\d+)\.json$/.exec(path)?.[1];
    if (method === 'GET' && !id) {
      const grouped: Record<string, Array<{ id: number; name: string; group: string }>> = {};
      for (const [name, typeId] of Object.entries(EVENT_TYPE_IDS)) {
        const group = name.split('_')[0]!;
        (grouped[group === 'post' && name === 'post_liked' ? 'like' : group] ??= []).push({ id: typeId, name, group });
      }
      return void json(res, 200, {
        web_hooks: this.webHooks.map((h) => this.webHookJson(h)),
        extras: {
          grouped_event_types: grouped,
          content_types: [
            { id: 1, name: 'application/json' },
            { id: 2, name: 'application/x-www-form-urlencoded' },
          ],
        },
        total_rows_web_hooks: this.webHooks.length,
      });
    }
    const settings = body.web_hook ?? {};
    const errors: string[] = [];
    if (!/^https?:\/\//.test(String(settings.payload_url ?? ''))) errors.push('Payload URL is invalid');
    if (settings.secret && String(settings.secret).length < 12)
      errors.push('Secret is too short (minimum is 12 characters)');
    if (!settings.wildcard_web_hook && !(settings.web_hook_event_type_ids ?? []).length)
      errors.push('Web hook event types must have at least one');
    if (errors.length) return void json(res, 422, { errors, error_type: 'record_invalid' });
    const fields: WebHookSettings = {
      payload_url: settings.payload_url,
      content_type: Number(settings.content_type ?? 1),
      secret: settings.secret ?? '',
      wildcard_web_hook: !!settings.wildcard_web_hook,
      verify_certificate: settings.verify_certificate !== false,
      active: !!settings.active,
      web_hook_event_type_ids: (settings.web_hook_event_type_ids ?? []).map(Number),
      category_ids: settings.category_ids ?? [],
      tag_names: settings.tag_names ?? [],
      group_ids: settings.group_ids ?? [],
    };
    if (method === 'POST' && !id) {
      return void json(res, 200, { web_hook: this.webHookJson(this.addWebHook(fields)) });
    }
    const hook = this.webHooks.find((h) => h.id === Number(id));
    if (!hook) return void notFound(res);
    if (method === 'PUT') {
      Object.assign(hook, fields);
      return void json(res, 200, { web_hook: this.webHookJson(hook) });
    }
    if (method === 'GET') return void json(res, 200, { web_hook: this.webHookJson(hook) });
    notFound(res);
  }

  private webHookJson(h: WebHookRow) {
    const names = Object.fromEntries(Object.entries(EVENT_TYPE_IDS).map(([n, i]) => [i, n]));
    const { web_hook_event_type_ids, ...rest } = h;
    return {
      ...rest,
      web_hook_event_types: web_hook_event_type_ids.map((id) => ({ id, name: names[id] ?? `type_${id}` })),
    };
  }

  // --- webhooks out --------------------------------------------------------------------

  private emit(
    event: string,
    type: string,
    payload: unknown,
    topic: TopicRow | null,
    typeId = EVENT_TYPE_IDS[event]!,
  ): void {
    for (const hook of this.webHooks) {
      if (!hook.active || !(hook.wildcard_web_hook || hook.web_hook_event_type_ids.includes(typeId))) continue;
      if (topic && hook.category_ids.length && !hook.category_ids.includes(topic.category_id ?? -1)) continue;
      const body = JSON.stringify(payload);
      const eventId = this.nextEventId++;
      const record = { webHookId: hook.id, event, eventType: type, eventId, body };
      if (this.dropDeliveries) {
        this.deliveries.push({ ...record, status: 'dropped' });
        continue;
      }
      const headers = deliveryHeaders({
        event,
        eventType: type,
        eventId,
        body,
        secret: hook.secret,
        instance: this.options.instance,
      });
      const sending = fetch(hook.payload_url, { method: 'POST', headers, body, signal: AbortSignal.timeout(20_000) })
        .then(async (r) => {
          await r.text();
          this.deliveries.push({ ...record, status: r.status });
          hook.last_delivery_status = r.ok ? 3 : 2;
        })
        .catch(() => {
          // A transport failure is not retried by the forum (docs/spec/discourse-contract.md §1.5).
          this.deliveries.push({ ...record, status: 'error' });
          hook.last_delivery_status = 2;
        })
        .finally(() => this.pendingDeliveries.delete(sending));
      this.pendingDeliveries.add(sending);
    }
  }

  // --- state ---------------------------------------------------------------------------

  private addTopic(
    at: string,
    fields: Pick<TopicRow, 'title' | 'category_id' | 'user_id'> & Partial<TopicRow>,
  ): TopicRow {
    const topic: TopicRow = {
      id: this.nextTopicId++,
      slug: slugOf(fields.title),
      archetype: 'regular',
      closed: false,
      archived: false,
      visible: true,
      deleted_at: null,
      tags: [],
      views: 0,
      created_at: at,
      bumped_at: at,
      external_id: null,
      allowed: [],
      ...fields,
    };
    this.topics.set(topic.id, topic);
    return topic;
  }

  private addPost(topic: TopicRow, user: StandInUser, raw: string, at: string, postType = 1): PostRow {
    const post: PostRow = {
      id: this.nextPostId++,
      topic_id: topic.id,
      post_number: this.highest(topic.id) + 1,
      user_id: user.id,
      username: user.username,
      raw,
      post_type: postType,
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      likers: [],
    };
    this.posts.push(post);
    return post;
  }

  private highest(topicId: number): number {
    return this.posts.filter((p) => p.topic_id === topicId).reduce((n, p) => Math.max(n, p.post_number), 0);
  }

  private topicPayload(t: TopicRow) {
    const author = [...this.users.values()].find((u) => u.id === t.user_id);
    return {
      tags: t.tags.map((name, i) => ({ id: 300 + i, name, slug: name })),
      id: t.id,
      title: t.title,
      fancy_title: t.title,
      posts_count: this.postsIn(t.id).length,
      created_at: t.created_at,
      views: t.views,
      reply_count: Math.max(0, this.postsIn(t.id).length - 1),
      like_count: 0,
      last_posted_at: t.bumped_at,
      visible: t.visible,
      closed: t.closed,
      archived: t.archived,
      archetype: t.archetype,
      slug: t.slug,
      category_id: t.category_id,
      deleted_at: t.deleted_at,
      user_id: t.user_id,
      highest_post_number: this.highest(t.id),
      created_by: author
        ? { id: author.id, username: author.username, name: author.username, avatar_template: '' }
        : null,
    };
  }

  /**
   * A post as the REST API shows it (PostSerializer): without the topic's fields that only
   * webhook payloads add (WebHookPostSerializer: topic_title, category_id, …).
   */
  private restPost(p: PostRow): Record<string, unknown> {
    const {
      topic_title: _title,
      category_id: _category,
      topic_posts_count: _count,
      topic_archetype: _archetype,
      category_slug: _slug,
      ...rest
    } = this.postPayload(p);
    return rest;
  }

  /** WebHookPostSerializer / PostSerializer fields the fixtures carry. */
  private postPayload(p: PostRow): Record<string, unknown> {
    const topic = this.topic(p.topic_id);
    const user = [...this.users.values()].find((u) => u.id === p.user_id);
    const category = this.categories.find((c) => c.id === topic.category_id);
    return {
      id: p.id,
      name: p.username,
      username: p.username,
      avatar_template: '',
      created_at: p.created_at,
      cooked: `<p>${p.raw.replace(/[<>&]/g, '')}</p>`,
      post_number: p.post_number,
      post_type: p.post_type,
      updated_at: p.updated_at,
      reply_count: 0,
      reply_to_post_number: null,
      quote_count: 0,
      incoming_link_count: 0,
      reads: 0,
      score: 0,
      topic_id: p.topic_id,
      topic_slug: topic.slug,
      topic_title: topic.title,
      category_id: topic.category_id,
      display_username: p.username,
      version: p.version,
      raw: p.raw,
      moderator: !!user?.moderator,
      admin: !!user?.admin,
      staff: !!(user?.moderator || user?.admin),
      user_id: p.user_id,
      hidden: false,
      trust_level: 1,
      deleted_at: p.deleted_at,
      user_deleted: false,
      edit_reason: null,
      wiki: false,
      actions_summary: p.likers.length ? [{ id: 2, count: p.likers.length }] : [],
      topic_posts_count: this.postsIn(p.topic_id).length,
      topic_archetype: topic.archetype,
      ...(category ? { category_slug: category.slug } : {}),
    };
  }

  private tick(): string {
    this.clock = this.options.clock ? Math.max(this.options.clock(), this.clock + 1) : this.clock + 60_000;
    return new Date(this.clock).toISOString();
  }

  private user(username: string): StandInUser {
    const user = this.users.get(username.toLowerCase());
    if (!user) throw new Error(`no user ${username} on the stand-in forum`);
    return user;
  }

  private topic(id: number): TopicRow {
    const topic = this.topics.get(id);
    if (!topic) throw new Error(`no topic ${id} on the stand-in forum`);
    return topic;
  }

  private post(id: number): PostRow {
    const post = this.posts.find((p) => p.id === id);
    if (!post) throw new Error(`no post ${id} on the stand-in forum`);
    return post;
  }
}

function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'topic'
  );
}

export function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}

function notFound(res: ServerResponse): void {
  json(res, 404, { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' });
}
