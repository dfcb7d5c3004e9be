import nock from 'nock';
import { forumContract } from './forum-contract.js';
import { SITE_CATEGORIES, siteCategory } from './forum-data.js';

/**
 * The forum's REST API under nock, answering with Discourse's response shapes
 * (docs/spec/discourse-contract.md §5–6) from a small in-memory state, and recording every call.
 * Faults are queued per call ("the next POST /posts.json answers 500").
 */
export interface Call {
  method: string;
  path: string;
  body: any;
}

interface StoredPost {
  id: number;
  topic_id: number;
  post_number: number;
  username: string;
  raw: string;
}

interface Fault {
  method: string;
  path: RegExp;
  reply: [number, unknown, Record<string, string>?] | 'reset';
}

export interface ForumUserFixture {
  username: string;
  admin?: boolean;
  moderator?: boolean;
  groups?: string[];
  website?: string | null;
}

export class NockForum {
  readonly calls: Call[] = [];
  readonly posts: StoredPost[] = [];
  readonly categories = SITE_CATEGORIES.map((c) => ({ ...c }));
  readonly externalIds = new Map<string, number>();
  private readonly faults: Fault[] = [];
  private nextPostId = 500_000;
  private nextTopicId = 90_000;
  private nextCategoryId = 300;
  /** In dry-run tests: any write fails the test. */
  readOnly = false;
  readonly users = new Map<string, ForumUserFixture>();

  constructor(
    readonly url: string,
    readonly apiUsername = 'system',
  ) {}

  install(): void {
    const scope = nock(this.url).persist();
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      scope.intercept(/.*/, method.toUpperCase()).reply((path, body) => {
        const answer = this.answer(method.toUpperCase(), path, body);
        // The request itself is checked by forum-contract.ts as this process's HTTP client sends it.
        forumContract().answer(method.toUpperCase(), path, answer[0], JSON.stringify(answer[1]));
        return answer;
      });
    }
  }

  fail(method: string, path: RegExp, reply: Fault['reply'], times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ method, path, reply });
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  postsIn(topicId: number): StoredPost[] {
    return this.posts.filter((p) => p.topic_id === topicId);
  }

  /** A post in a thread by someone else, so the thread's ids line up with the deliveries. */
  seed(topicId: number, count: number): void {
    for (let n = 1; n <= count; n++)
      this.posts.push({
        id: topicId * 10 + n - 1,
        topic_id: topicId,
        post_number: n,
        username: `user${n}`,
        raw: `post ${n}`,
      });
  }

  private answer(method: string, path: string, rawBody: unknown): [number, unknown, Record<string, string>?] {
    const body = typeof rawBody === 'string' && rawBody.startsWith('{') ? JSON.parse(rawBody) : rawBody;
    this.calls.push({ method, path, body });
    if (this.readOnly && method !== 'GET') throw new Error(`dry run sent ${method} ${path}`);
    const faultAt = this.faults.findIndex((f) => f.method === method && f.path.test(path));
    if (faultAt >= 0) {
      const [fault] = this.faults.splice(faultAt, 1);
      if (fault!.reply === 'reset') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return fault!.reply;
    }
    const [route, query = ''] = path.split('?');
    let m: RegExpExecArray | null;
    if (method === 'GET' && route === '/site.json')
      return [200, { categories: this.categories.map(siteCategory), post_types: { regular: 1 } }];
    if (method === 'GET' && (m = /^\/t\/external_id\/([^/]+)\.json$/.exec(route!))) {
      const id = this.externalIds.get(decodeURIComponent(m[1]!));
      return id === undefined ? notFound() : [301, '', { location: `${this.url}/t/message/${id}.json` }];
    }
    if (method === 'GET' && (m = /^\/t\/(\d+)\/posts\.json$/.exec(route!))) {
      const ids = [...new URLSearchParams(query).getAll('post_ids[]')].map(Number);
      return [
        200,
        {
          post_stream: {
            posts: this.postsIn(Number(m[1]))
              .filter((p) => ids.includes(p.id))
              .map(serializePost),
          },
          id: Number(m[1]),
        },
      ];
    }
    if (method === 'GET' && (m = /^\/t\/(\d+)\.json$/.exec(route!))) {
      const posts = this.postsIn(Number(m[1]));
      if (posts.length === 0) return notFound();
      // The first chunk holds 20 posts; the stream lists every id (docs/spec/discourse-contract.md §6.3).
      return [
        200,
        {
          id: Number(m[1]),
          title: 'Topic',
          slug: 'topic',
          posts_count: posts.length,
          post_stream: { posts: posts.slice(0, 20).map(serializePost), stream: posts.map((p) => p.id) },
        },
      ];
    }
    if (method === 'GET' && (m = /^\/u\/([^/]+)\.json$/.exec(route!))) {
      const user = this.users.get(decodeURIComponent(m[1]!).toLowerCase());
      if (!user) return notFound();
      return [
        200,
        {
          user_badges: [],
          user: {
            id: 4000 + user.username.length,
            username: user.username,
            name: user.username,
            admin: !!user.admin,
            moderator: !!user.moderator,
            trust_level: 2,
            website: user.website ?? null,
            user_fields: {},
            groups: (user.groups ?? []).map((g, i) => ({
              id: 40 + i,
              name: g,
              automatic: g === 'moderators' || g === 'staff',
            })),
          },
        },
      ];
    }
    if (method === 'POST' && route === '/posts.json') return this.createPost(body);
    if (method === 'PUT' && (m = /^\/posts\/(\d+)\.json$/.exec(route!))) {
      const post = this.posts.find((p) => p.id === Number(m![1]));
      if (!post) return notFound();
      post.raw = body.post.raw;
      return [200, { post: serializePost(post) }];
    }
    if (method === 'POST' && route === '/categories.json') return this.createCategory(body);
    return notFound();
  }

  private createPost(body: any): [number, unknown] {
    if (!body.raw || body.raw.length < 10) return [422, { action: 'create_post', errors: ['Body is too short'] }];
    let topicId: number = body.topic_id;
    if (topicId === undefined) {
      topicId = this.nextTopicId++;
      if (body.external_id) this.externalIds.set(body.external_id, topicId);
    }
    const post: StoredPost = {
      id: this.nextPostId++,
      topic_id: topicId,
      post_number: this.postsIn(topicId).length + 1,
      username: this.apiUsername,
      raw: body.raw,
    };
    this.posts.push(post);
    return [
      200,
      {
        ...serializePost(post),
        cooked: '<p>…</p>',
        post_type: 1,
        version: 1,
        created_at: '2026-03-14T10:00:00.000Z',
        topic_slug: 'topic',
        yours: true,
      },
    ];
  }

  private createCategory(body: any): [number, unknown] {
    const taken = this.categories.some(
      (c) =>
        c.parent_category_id === body.parent_category_id &&
        (c.name.toLowerCase() === String(body.name).toLowerCase() || c.slug === body.slug),
    );
    if (taken) return [422, { errors: ['Category Name has already been taken'], error_type: 'record_invalid' }];
    const id = this.nextCategoryId++;
    this.categories.push({ id, name: body.name, slug: body.slug, parent_category_id: body.parent_category_id });
    const aboutTopic = this.nextTopicId++;
    this.posts.push({
      id: this.nextPostId++,
      topic_id: aboutTopic,
      post_number: 1,
      username: 'system',
      raw: `[Replace this first paragraph with a brief description of your new category.]`,
    });
    return [
      200,
      {
        category: {
          id,
          name: body.name,
          slug: body.slug,
          color: body.color,
          text_color: body.text_color,
          topic_url: `/t/about-the-${body.slug}-category/${aboutTopic}`,
          permission: 1,
          position: 30,
        },
      },
    ];
  }
}

function serializePost(p: StoredPost) {
  return {
    id: p.id,
    name: p.username,
    username: p.username,
    avatar_template: '/letter_avatar_proxy/v4/letter/s/{size}.png',
    post_number: p.post_number,
    topic_id: p.topic_id,
    raw: p.raw,
    cooked: `<p>${p.raw.length}</p>`,
    user_id: 1,
  };
}

function notFound(): [number, unknown] {
  return [404, { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' }];
}
