import { expect } from 'chai';
import { classifyDelivery, type DeliveryHeaders } from '../../src/events/classify.js';
import { COMMANDS, fixture, fixtureJson } from '../support/fixtures.js';

function headersOf(name: string): DeliveryHeaders {
  const h = fixture(name).headers;
  return {
    event: h['X-Discourse-Event']!,
    eventType: h['X-Discourse-Event-Type']!,
    eventId: Number(h['X-Discourse-Event-Id']),
  };
}

function classify(name: string, body: unknown = fixtureJson(name)) {
  return classifyDelivery(headersOf(name), body, COMMANDS);
}

describe('classifying a verified delivery', () => {
  it('turns post_created into the post as the snapshot keeps it', () => {
    const c = classify('post_created');
    expect(c.outcome).to.equal('accept');
    if (c.outcome !== 'accept' || c.observation.kind !== 'post') throw new Error('expected a post');
    expect(c.observation.post).to.deep.include({
      id: 141207,
      topicId: 27341,
      number: 2,
      userId: 5177,
      username: 'lukas_b',
      version: 1,
      deleted: false,
      staff: false,
    });
    expect(c.observation.post.raw).to.match(/^Count me in!/);
    expect(c.observation.post.topic).to.deep.equal({
      title: 'Mautic Meetup in Berlin?',
      slug: 'mautic-meetup-in-berlin',
      categoryId: 61,
      archetype: 'regular',
    });
    expect(c.observation.post).not.to.have.property('cooked');
  });

  it('reads the edited version and the moderator delete', () => {
    const edited = classify('post_edited');
    const destroyed = classify('post_destroyed');
    if (edited.outcome !== 'accept' || edited.observation.kind !== 'post') throw new Error('expected a post');
    if (destroyed.outcome !== 'accept' || destroyed.observation.kind !== 'post') throw new Error('expected a post');
    expect(edited.observation.post.version).to.equal(2);
    expect(destroyed.observation.post.deleted).to.equal(true);
  });

  it('treats a self-deleted post (user_deleted, deleted_at still null) as deleted', () => {
    const body = fixtureJson<{ post: Record<string, unknown> }>('post_created');
    body.post.user_deleted = true;
    const c = classify('post_created', body);
    if (c.outcome !== 'accept' || c.observation.kind !== 'post') throw new Error('expected a post');
    expect(c.observation.post.deleted).to.equal(true);
  });

  it('reads a like with the liker and the liked post', () => {
    const c = classify('post_liked');
    if (c.outcome !== 'accept' || c.observation.kind !== 'like') throw new Error('expected a like');
    expect(c.observation.liker).to.deep.equal({ id: 3302, username: 'mwerner' });
    expect(c.observation.post.number).to.equal(1);
  });

  it('reads topic status and the tag objects of newer Discourse', () => {
    const c = classify('topic_closed_status_updated');
    if (c.outcome !== 'accept' || c.observation.kind !== 'topic') throw new Error('expected a topic');
    expect(c.observation.topic).to.deep.include({
      id: 27341,
      closed: true,
      archived: false,
      visible: true,
      deleted: false,
      categoryId: 61,
      highestPostNumber: 4,
      eventId: 88502,
    });
    expect(c.observation.topic.tags).to.deep.equal(['meetup']);
    expect(c.observation.topic.author).to.deep.equal({ id: 4821, username: 'jana.schmidt' });
  });

  it('reads the tag names of older Discourse', () => {
    const body = fixtureJson<{ topic: Record<string, unknown> }>('topic_created');
    body.topic.tags = ['meetup', 'berlin'];
    const c = classify('topic_created', body);
    if (c.outcome !== 'accept' || c.observation.kind !== 'topic') throw new Error('expected a topic');
    expect(c.observation.topic.tags).to.deep.equal(['berlin', 'meetup']);
  });

  it("passes a new private-message post that starts with a command on, read once, for the approvers' answers", () => {
    const body = fixtureJson<{ post: Record<string, unknown> }>('pm_post_created');
    body.post.raw = 'approve — thanks, looks great';
    const c = classify('pm_post_created', body);
    if (c.outcome !== 'accept' || c.observation.kind !== 'pm_post') throw new Error('expected a private-message post');
    expect(c.observation.post.topic.archetype).to.equal('private_message');
    expect(c.command).to.deep.equal({ action: 'approve', comment: 'thanks, looks great' });
  });

  it('ignores a private-message post that is no command', () => {
    const body = fixtureJson<{ post: Record<string, unknown> }>('pm_post_created');
    body.post.raw = 'Thanks for the heads-up, I will look at it tonight.';
    expect(classify('pm_post_created', body)).to.deep.equal({ outcome: 'ignore', reason: 'private message' });
  });

  it('reads a command at the start of a thread post, and none in an ordinary reply', () => {
    const body = fixtureJson<{ post: Record<string, unknown> }>('post_created');
    body.post.raw = 'reject not enough detail yet';
    const c = classify('post_created', body);
    expect(c.outcome === 'accept' && c.command).to.deep.equal({ action: 'reject', comment: 'not enough detail yet' });
    body.post.raw = 'Count me in, I would love to reject the idea that Leeds is too small';
    const plain = classify('post_created', body);
    expect(plain.outcome === 'accept' && plain.command).to.equal(null);
  });

  const ignored: Array<[string, string, (b: { post: Record<string, unknown> }) => void, string]> = [
    ['an edit in a private message', 'pm_post_created', (b) => void (b.post.version = 2), 'private message'],
    ['a whisper', 'post_created', (b) => void (b.post.post_type = 4), 'whisper'],
    ['a small-action post', 'post_created', (b) => void (b.post.post_type = 3), 'small action'],
    ['a moderator-action post', 'post_created', (b) => void (b.post.post_type = 2), 'moderator action'],
  ];
  for (const [what, name, change, reason] of ignored) {
    it(`ignores ${what}`, () => {
      const body = fixtureJson<{ post: Record<string, unknown> }>(name);
      change(body);
      expect(classify(name, body)).to.deep.equal({ outcome: 'ignore', reason });
    });
  }

  it('ignores ping and events it does not use', () => {
    expect(classify('ping')).to.deep.equal({ outcome: 'ignore', reason: 'ping' });
    const user = classifyDelivery(
      { event: 'user_logged_in', eventType: 'user', eventId: 1 },
      { user: { id: 1 } },
      COMMANDS,
    );
    expect(user).to.deep.equal({ outcome: 'ignore', reason: 'event user_logged_in is not used' });
  });

  it('accepts any topic_<status>_status_updated event name', () => {
    const c = classifyDelivery(
      { ...headersOf('topic_closed_status_updated'), event: 'topic_archived_status_updated' },
      fixtureJson('topic_closed_status_updated'),
      COMMANDS,
    );
    expect(c.outcome).to.equal('accept');
  });

  it('calls a body of the wrong shape invalid, naming the field', () => {
    const c = classifyDelivery(headersOf('post_created'), { topic: {} }, COMMANDS);
    expect(c.outcome).to.equal('invalid');
    if (c.outcome === 'invalid') expect(c.reason).to.match(/^not a Discourse post payload \(post: /);
    const noVersion = fixtureJson<{ post: Record<string, unknown> }>('post_created');
    delete noVersion.post.version;
    const c2 = classify('post_created', noVersion);
    if (c2.outcome !== 'invalid') throw new Error('expected invalid');
    expect(c2.reason).to.include('post.version');
  });
});
