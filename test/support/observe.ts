import { classifyDelivery } from '../../src/events/classify.js';
import { applyObservation, type ThreadObservation, type ThreadSnapshot } from '../../src/rules/snapshot.js';
import { COMMANDS } from './fixtures.js';
import type { BuiltDelivery } from './thread.js';

/** What the receiver would queue for a built delivery. */
export function observe(d: BuiltDelivery): ThreadObservation {
  const c = classifyDelivery(
    { event: d.event, eventType: d.eventType, eventId: d.eventId },
    JSON.parse(d.body.toString('utf8')),
    COMMANDS,
  );
  if (c.outcome !== 'accept' || c.observation.kind === 'category' || c.observation.kind === 'pm_post')
    throw new Error(`${d.event} was not accepted: ${JSON.stringify(c)}`);
  return c.observation;
}

export function fold(deliveries: readonly BuiltDelivery[], ownUsername = 'system'): ThreadSnapshot | null {
  let s: ThreadSnapshot | null = null;
  for (const d of deliveries) s = applyObservation(s, observe(d), { ownUsername });
  return s;
}
