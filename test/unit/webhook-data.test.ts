import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { classifyDelivery } from '../../src/events/classify.js';
import { parseSignatureHeader, signatureMatches } from '../../src/http/signature.js';
import { COMMANDS } from '../support/fixtures.js';

const SAMPLES = join('webhooks', 'samples', 'berlin-thread');

describe('webhooks/ data', () => {
  it('subscribes to exactly the events the receiver handles', () => {
    const def = JSON.parse(readFileSync(join('webhooks', 'discourse-webhook.json'), 'utf8')) as {
      web_hook: { web_hook_event_type_ids: number[]; content_type: number; active: boolean; category_ids: number[] };
      event_names: Record<string, string>;
    };
    expect(def.web_hook.content_type).to.equal(1);
    expect(def.web_hook.active).to.equal(true);
    expect(def.web_hook.category_ids).to.deep.equal([]);
    for (const id of def.web_hook.web_hook_event_type_ids) {
      const name = def.event_names[String(id)]!.split(' ')[0]!;
      const group = name.startsWith('topic')
        ? 'topic'
        : name.startsWith('category')
          ? 'category'
          : name === 'post_liked'
            ? 'like'
            : 'post';
      const outcome = classifyDelivery({ event: name, eventType: group, eventId: 1 }, {}, COMMANDS).outcome;
      // An empty body is invalid for an event we handle, and merely ignored for one we do not.
      expect(outcome, name).to.equal('invalid');
    }
  });

  it('holds recorded samples that verify with their secret, each accepted as what it is or ignored for why', () => {
    const plan = JSON.parse(readFileSync(join(SAMPLES, 'order.json'), 'utf8')) as { secret: string; order: string[] };
    const expected: Record<string, string> = {
      topic_created: 'accept topic',
      post_created: 'accept post',
      post_liked: 'accept like',
      post_edited: 'accept post',
      post_destroyed: 'accept post',
      pm_post_created: 'ignore private message',
      ping: 'ignore ping',
      topic_closed_status_updated: 'accept topic',
    };
    expect(plan.order).to.deep.equal(Object.keys(expected));
    for (const name of plan.order) {
      const body = readFileSync(join(SAMPLES, `${name}.json`));
      const headers = JSON.parse(readFileSync(join(SAMPLES, `${name}.headers.json`), 'utf8')) as Record<string, string>;
      expect(
        signatureMatches(parseSignatureHeader(headers['X-Discourse-Event-Signature'])!, body, [plan.secret]),
        name,
      ).to.equal(true);
      const c = classifyDelivery(
        { event: headers['X-Discourse-Event']!, eventType: headers['X-Discourse-Event-Type']!, eventId: 1 },
        JSON.parse(body.toString()),
        COMMANDS,
      );
      const what = c.outcome === 'accept' ? c.observation.kind : c.reason;
      expect(`${c.outcome} ${what}`, name).to.equal(expected[name]);
    }
  });
});
