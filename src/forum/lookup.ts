import type { ForumClient } from './client.js';
import type { StreamPost } from './responses.js';

const CHUNK = 20;
// The service's posts are recent; a thread longer than this many posts past the first chunk is read from its end.
const MAX_EXTRA_CHUNKS = 10;

/**
 * The service's own post carrying `marker` in a topic, or null: how a write whose
 * outcome is unknown (a crash, a timeout) is reconciled instead of repeated. Reads the
 * first chunk of the thread, then the rest from the newest post backwards.
 */
export async function findOwnPost(
  forum: ForumClient,
  topicId: number,
  ownUsername: string,
  marker: string,
): Promise<StreamPost | null> {
  const mine = (p: StreamPost) =>
    p.username.toLowerCase() === ownUsername.toLowerCase() && (p.raw ?? '').includes(marker);
  const topic = await forum.getTopic(topicId);
  const found = topic.post_stream.posts.find(mine);
  if (found) return found;
  const seen = new Set(topic.post_stream.posts.map((p) => p.id));
  const rest = (topic.post_stream.stream ?? []).filter((id) => !seen.has(id)).reverse();
  for (let i = 0; i < MAX_EXTRA_CHUNKS && i * CHUNK < rest.length; i++) {
    const posts = await forum.getPosts(topicId, rest.slice(i * CHUNK, (i + 1) * CHUNK));
    const hit = posts.find(mine);
    if (hit) return hit;
  }
  return null;
}
