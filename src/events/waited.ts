import type { ParsedCommand } from './command.js';
import type { Observation } from './payloads.js';

/** What a delivery says, as far as telling whether people wait for it goes. */
export interface Delivered {
  observation: Observation;
  command?: ParsedCommand | null;
}

/**
 * The topic whose being a proposal decides whether people wait for this delivery; or
 * true when they do whatever the topic is: a topic event or a first post (either may make
 * the topic a proposal) and an approver's command. A category's change waits for nobody.
 */
function waitedIfProposal(d: Delivered): number | boolean {
  const o = d.observation;
  switch (o.kind) {
    case 'topic':
      return true;
    case 'pm_post':
      return d.command != null;
    case 'post':
      return o.post.number === 1 ? true : o.post.topicId;
    case 'like':
      return o.post.topicId;
    case 'category':
      return false;
  }
}

/**
 * Which deliveries people wait for: those of a topic the store keeps a proposal of, and
 * those that may make a topic one. Read from the deliveries and the store alone, never
 * from the rules: this layer cannot import them (npm run lint), and a delivery's place in
 * line must not cost an evaluation. Null stands for a job that is no delivery.
 */
export async function deliveriesWaitedFor(
  deliveries: ReadonlyArray<Delivered | null>,
  knownProposals: (topicIds: string[]) => Promise<Set<string>>,
): Promise<boolean[]> {
  const asked = deliveries.map((d) => (d ? waitedIfProposal(d) : false));
  const topics = [...new Set(asked.filter((a): a is number => typeof a === 'number').map(String))];
  const known = topics.length > 0 ? await knownProposals(topics) : new Set<string>();
  return asked.map((a) => (typeof a === 'number' ? known.has(String(a)) : a));
}
