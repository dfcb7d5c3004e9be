import type { ForumClient } from '../forum/client.js';
import { ForumError } from '../forum/errors.js';
import type { StreamPost } from '../forum/responses.js';
import type { ThreadObservation, ThreadSnapshot } from '../rules/snapshot.js';
import { observePost, observeTopic, postPayload, topicPayload } from '../events/payloads.js';

const CHUNK = 20;
// Proposal threads are short; a thread past this many posts is read up to here and logged.
const MAX_POSTS = 1000;
const LIKE_ACTION = 2;

/** A thread as the forum shows it now, in the snapshot's terms. */
export interface ThreadRead {
  topicId: number;
  /** null when the forum no longer shows the topic (deleted, or moved where the key cannot see). */
  observations: ThreadObservation[] | null;
  /** Forum calls the read took: reconciliation keeps count of its cost. */
  calls: number;
  truncated: boolean;
}

type TopicAnswer = Awaited<ReturnType<ForumClient['getTopic']>>;

/**
 * Reads a whole thread through the REST API (docs/spec/discourse-contract.md §6.3): the first chunk, the rest
 * of the stream 20 ids at a time, and the first post's likers when the forum counts more
 * likes than the snapshot knows. Webhooks and this read meet in the same observations,
 * so the snapshot's max-merge decides between them as it does between deliveries.
 */
export async function readThread(
  forum: ForumClient,
  topicId: number,
  known: ThreadSnapshot | null,
  readAt: Date,
): Promise<ThreadRead> {
  let topic: TopicAnswer;
  let calls = 1;
  try {
    topic = await forum.getTopic(topicId);
  } catch (err) {
    if (err instanceof ForumError && (err.status === 404 || err.status === 403))
      return { topicId, observations: null, calls, truncated: false };
    throw err;
  }
  const posts: StreamPost[] = [...topic.post_stream.posts];
  const seen = new Set(posts.map((p) => p.id));
  const stream = topic.post_stream.stream ?? [];
  const rest = stream.filter((id) => !seen.has(id));
  const wanted = rest.slice(0, Math.max(0, MAX_POSTS - posts.length));
  for (let i = 0; i < wanted.length; i += CHUNK) {
    posts.push(...(await forum.getPosts(topicId, wanted.slice(i, i + CHUNK))));
    calls++;
  }
  const parsedTopic = topicPayload.parse({ ...topic, created_by: topic.details?.created_by ?? null });
  const topicObs = observeTopic(parsedTopic, 0);
  const observations: ThreadObservation[] = [{ kind: 'topic', topic: topicObs }];
  const ids = new Set<number>();
  for (const raw of posts) {
    const post = postPayload.safeParse({
      ...raw,
      topic_id: topicId,
      topic_slug: parsedTopic.slug,
      topic_title: parsedTopic.title,
      category_id: parsedTopic.category_id,
      topic_archetype: parsedTopic.archetype,
    });
    if (!post.success)
      throw new ForumError(
        `GET /t/${topicId}.json`,
        200,
        `unexpected post ${raw.id} (${post.error.issues[0]?.path.join('.')}: ${post.error.issues[0]?.message})`,
        false,
      );
    ids.add(post.data.id);
    // Only regular posts are kept, as with deliveries (docs/spec/discourse-contract.md §4).
    if (post.data.post_type === 1) observations.push({ kind: 'post', post: observePost(post.data) });
  }
  if (rest.length === wanted.length) observations.push(...vanished(known, ids, readAt));

  const first = posts.find((p) => p.post_number === 1);
  const likeCount = likesOf(first);
  if (first && likeCount > (known?.firstPostLikers.length ?? 0)) {
    calls++;
    const firstPost = observations.find((o) => o.kind === 'post' && o.post.number === 1);
    if (firstPost?.kind === 'post') {
      for (const liker of await forum.likers(first.id))
        observations.push({ kind: 'like', post: firstPost.post, liker });
    }
  }
  return { topicId, observations, calls, truncated: rest.length > wanted.length };
}

/**
 * Posts the snapshot holds that the forum's stream no longer lists were deleted (or
 * moved away) while no delivery came. The read's time orders the deletion after what
 * was known, as a post_destroyed delivery's updated_at would.
 */
function vanished(known: ThreadSnapshot | null, listed: ReadonlySet<number>, readAt: Date): ThreadObservation[] {
  if (!known) return [];
  const out: ThreadObservation[] = [];
  const at = readAt.toISOString();
  for (const post of Object.values(known.posts)) {
    if (post.deleted || listed.has(post.id)) continue;
    const hint = known.topic ?? null;
    out.push({
      kind: 'post',
      post: {
        id: post.id,
        topicId: known.topicId,
        number: post.number,
        postType: post.postType,
        userId: post.userId,
        username: post.username,
        raw: post.raw,
        version: post.version,
        updatedAt: at > post.updatedAt ? at : post.updatedAt,
        createdAt: post.createdAt,
        deleted: true,
        staff: post.staff,
        topic: {
          title: hint?.title ?? null,
          slug: hint?.slug ?? null,
          categoryId: hint?.categoryId ?? null,
          archetype: hint?.archetype ?? 'regular',
        },
      },
    });
  }
  return out;
}

function likesOf(post: StreamPost | undefined): number {
  const summary = (post as { actions_summary?: unknown } | undefined)?.actions_summary;
  if (!Array.isArray(summary)) return 0;
  const like = summary.find((a: { id?: unknown }) => a?.id === LIKE_ACTION) as { count?: unknown } | undefined;
  return typeof like?.count === 'number' ? like.count : 0;
}
