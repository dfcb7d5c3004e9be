import type { z } from 'zod';
import { readAnswer, type AnswerWords, type CheckinAnswer } from './answer.js';
import { readCommand, type CommandWords, type ParsedCommand } from './command.js';
import { bodySchemas, observePost, observeTopic, type Observation, type PostPayload } from './payloads.js';

/** The forum events the service subscribes to, by the name Discourse sends in X-Discourse-Event. */
const TOPIC_EVENTS = ['topic_created', 'topic_edited', 'topic_destroyed', 'topic_recovered'] as const;
const POST_EVENTS = ['post_created', 'post_edited', 'post_destroyed', 'post_recovered'] as const;
const LIKE_EVENTS = ['post_liked'] as const;
const CATEGORY_EVENTS = ['category_created', 'category_updated', 'category_destroyed'] as const;

// topic_<status>_status_updated reaches topic_edited subscribers under its long name
// (docs/spec/discourse-contract.md §2.2).
const STATUS_EVENT = /^topic_[a-z_]{1,40}_status_updated$/;

export interface DeliveryHeaders {
  event: string;
  eventType: string;
  eventId: number;
}

export type Classification =
  | { outcome: 'accept'; observation: Observation; command: ParsedCommand | null; answer?: CheckinAnswer }
  | { outcome: 'ignore'; reason: string }
  | { outcome: 'invalid'; reason: string };

const POST_TYPE_REGULAR = 1;
const POST_TYPE_NAMES: Record<number, string> = { 2: 'moderator action', 3: 'small action', 4: 'whisper' };

function groupOf(event: string): keyof typeof bodySchemas | null {
  if ((TOPIC_EVENTS as readonly string[]).includes(event) || STATUS_EVENT.test(event)) return 'topic';
  if ((POST_EVENTS as readonly string[]).includes(event)) return 'post';
  if ((LIKE_EVENTS as readonly string[]).includes(event)) return 'like';
  if ((CATEGORY_EVENTS as readonly string[]).includes(event)) return 'category';
  return null;
}

/**
 * Decides from the verified delivery alone, without I/O, whether it is work for the
 * thread snapshot. Ignored deliveries are answered 200 so the forum never disables the hook.
 */
export function classifyDelivery(
  headers: DeliveryHeaders,
  body: unknown,
  commands: CommandWords,
  /** Check-in answers: the other private-message posts worth a job (docs/spec/rules.md, "After the birth"). */
  answers: AnswerWords | null = null,
): Classification {
  if (headers.event === 'ping' || headers.eventType === 'ping') return { outcome: 'ignore', reason: 'ping' };
  const group = groupOf(headers.event);
  if (!group) return { outcome: 'ignore', reason: `event ${headers.event} is not used` };

  switch (group) {
    case 'category':
      return parseAs(group, body, (data) => ({ kind: 'category', categoryId: data.category.id }));
    case 'topic':
      return parseAs(group, body, (data) =>
        data.topic.archetype !== 'regular'
          ? 'private message'
          : { kind: 'topic', topic: observeTopic(data.topic, headers.eventId) },
      );
    case 'post':
      return parseAs(group, body, (data) => {
        // Approvers answer the prompt in its private message; the handler knows which messages are prompts.
        if (data.post.topic_archetype === 'private_message') {
          if (data.post.post_type !== POST_TYPE_REGULAR || data.post.version !== 1) return 'private message';
          const command = readCommand(data.post.raw, commands);
          const answer = command || !answers ? null : readAnswer(data.post.raw, answers);
          if (answer) return { observation: { kind: 'pm_post', post: observePost(data.post) }, command: null, answer };
          return command
            ? { observation: { kind: 'pm_post', post: observePost(data.post) }, command }
            : 'private message';
        }
        const ignored = postIgnoreReason(data.post);
        if (ignored) return ignored;
        // Approvers may also answer in the thread itself.
        return {
          observation: { kind: 'post', post: observePost(data.post) },
          command: readCommand(data.post.raw, commands),
        };
      });
    case 'like':
      return parseAs(
        group,
        body,
        ({ like }) =>
          postIgnoreReason(like.post) ?? {
            kind: 'like',
            post: observePost(like.post),
            liker: { id: like.user.id, username: like.user.username },
          },
      );
  }
}

/** Validates the body as `group`'s payload and maps it to an observation, or to a reason to ignore it. */
function parseAs<G extends keyof typeof bodySchemas>(
  group: G,
  body: unknown,
  toObservation: (
    data: z.infer<(typeof bodySchemas)[G]>,
  ) => Observation | { observation: Observation; command: ParsedCommand | null; answer?: CheckinAnswer } | string,
): Classification {
  const parsed = bodySchemas[group].safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.')}: ${first.message}` : 'bad shape';
    return { outcome: 'invalid', reason: `not a Discourse ${group} payload (${where})` };
  }
  const result = toObservation(parsed.data as z.infer<(typeof bodySchemas)[G]>);
  if (typeof result === 'string') return { outcome: 'ignore', reason: result };
  return 'observation' in result
    ? { outcome: 'accept', ...result }
    : { outcome: 'accept', observation: result, command: null };
}

/** The snapshot keeps regular posts of regular topics only (docs/spec/discourse-contract.md §4). */
function postIgnoreReason(post: PostPayload): string | null {
  if (post.topic_archetype !== 'regular') return 'private message';
  if (post.post_type !== POST_TYPE_REGULAR) return POST_TYPE_NAMES[post.post_type] ?? `post type ${post.post_type}`;
  return null;
}

export function topicIdOf(observation: Observation): number | null {
  switch (observation.kind) {
    case 'post':
    case 'like':
    case 'pm_post':
      return observation.post.topicId;
    case 'topic':
      return observation.topic.id;
    case 'category':
      return null;
  }
}

export function categoryIdOf(observation: Observation): number | null {
  switch (observation.kind) {
    case 'post':
    case 'like':
    case 'pm_post':
      return observation.post.topic.categoryId;
    case 'topic':
      return observation.topic.categoryId;
    case 'category':
      return observation.categoryId;
  }
}
