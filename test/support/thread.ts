import { deliveryHeaders, FIXTURE_SECRET, fixtureJson } from './fixtures.js';

/**
 * Builds deliveries for one thread from the recorded payloads: the same fields and
 * shapes Discourse sends, with only ids, authors, text, versions and times changed.
 */
export interface Author {
  id: number;
  username: string;
  staff?: boolean;
}

export interface BuiltDelivery {
  event: string;
  eventType: string;
  eventId: number;
  body: Buffer;
  headers: Record<string, string>;
}

type Json = Record<string, unknown>;

export class ThreadBuilder {
  private eventId: number;
  private clock: number;
  private postId: number;
  private postNumber = 0;
  private highest = 0;
  private views = 0;
  private readonly posts = new Map<number, Json>();
  readonly topic: Json;

  constructor(
    readonly topicId: number,
    title: string,
    readonly author: Author,
    options: { categoryId?: number; start?: string; firstPostId?: number; firstEventId?: number; secret?: string } = {},
  ) {
    this.clock = Date.parse(options.start ?? '2026-03-12T09:41:27.512Z');
    this.postId = options.firstPostId ?? topicId * 10;
    this.eventId = options.firstEventId ?? topicId * 1000;
    this.secret = options.secret ?? FIXTURE_SECRET;
    const topic = fixtureJson<{ topic: Json }>('topic_created').topic;
    this.topic = {
      ...topic,
      id: topicId,
      title,
      fancy_title: title,
      slug:
        title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'topic',
      category_id: options.categoryId ?? 61,
      user_id: author.id,
      created_by: { ...(topic.created_by as Json), id: author.id, username: author.username },
      tags: [],
      closed: false,
      archived: false,
      visible: true,
      deleted_at: null,
      highest_post_number: 0,
      views: 0,
    };
  }

  private readonly secret: string;

  private tick(seconds = 60): string {
    this.clock += seconds * 1000;
    return new Date(this.clock).toISOString();
  }

  private deliver(eventType: string, event: string, payload: Json): BuiltDelivery {
    const body = Buffer.from(JSON.stringify({ [eventType]: payload }));
    const eventId = ++this.eventId;
    return {
      event,
      eventType,
      eventId,
      body,
      headers: deliveryHeaders({ event, eventType, eventId, body, secret: this.secret }),
    };
  }

  private topicEvent(event: string): BuiltDelivery {
    this.views += 3;
    return this.deliver('topic', event, { ...this.topic, views: this.views, highest_post_number: this.highest });
  }

  created(): BuiltDelivery {
    return this.topicEvent('topic_created');
  }

  /** A new post; the first call is the topic's first post. */
  reply(author: Author, raw: string): { id: number; delivery: BuiltDelivery } {
    const template = fixtureJson<{ post: Json }>('post_created').post;
    const at = this.tick();
    const number = ++this.postNumber;
    this.highest = number;
    const id = this.postId++;
    const post: Json = {
      ...template,
      id,
      username: author.username,
      name: author.username,
      user_id: author.id,
      staff: !!author.staff,
      moderator: !!author.staff,
      created_at: at,
      updated_at: at,
      post_number: number,
      raw,
      cooked: `<p>${raw}</p>`,
      version: 1,
      topic_id: this.topicId,
      topic_slug: this.topic.slug,
      topic_title: this.topic.title,
      category_id: this.topic.category_id,
      deleted_at: null,
      user_deleted: false,
    };
    this.posts.set(id, post);
    return { id, delivery: this.deliver('post', 'post_created', post) };
  }

  edit(postId: number, raw: string): BuiltDelivery {
    const post = this.post(postId);
    Object.assign(post, {
      raw,
      cooked: `<p>${raw}</p>`,
      version: (post.version as number) + 1,
      updated_at: this.tick(),
    });
    return this.deliver('post', 'post_edited', { ...post });
  }

  destroy(postId: number): BuiltDelivery {
    const post = this.post(postId);
    const at = this.tick();
    Object.assign(post, { deleted_at: at, updated_at: at });
    return this.deliver('post', 'post_destroyed', { ...post });
  }

  recover(postId: number): BuiltDelivery {
    const post = this.post(postId);
    Object.assign(post, { deleted_at: null, updated_at: this.tick() });
    return this.deliver('post', 'post_recovered', { ...post });
  }

  like(postId: number, liker: Author): BuiltDelivery {
    return this.deliver('like', 'post_liked', {
      post: { ...this.post(postId) },
      user: { id: liker.id, username: liker.username, name: liker.username, avatar_template: '' },
    });
  }

  retitle(title: string): BuiltDelivery {
    Object.assign(this.topic, { title, fancy_title: title });
    return this.topicEvent('topic_edited');
  }

  move(categoryId: number): BuiltDelivery {
    this.topic.category_id = categoryId;
    return this.topicEvent('topic_edited');
  }

  /** Closing, archiving or unlisting adds a small-action post, as TopicStatusUpdater does. */
  status(change: 'closed' | 'archived' | 'visible', value: boolean): BuiltDelivery {
    this.topic[change] = value;
    this.highest = ++this.postNumber;
    return this.topicEvent(`topic_${change}_status_updated`);
  }

  private post(id: number): Json {
    const post = this.posts.get(id);
    if (!post) throw new Error(`no post ${id} in this thread`);
    return post;
  }
}
