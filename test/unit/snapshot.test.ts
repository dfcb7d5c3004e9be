import { expect } from 'chai';
import fc from 'fast-check';
import { applyObservation, threadView, type ThreadSnapshot } from '../../src/rules/snapshot.js';
import { fold, observe } from '../support/observe.js';
import { ThreadBuilder, type Author, type BuiltDelivery } from '../support/thread.js';

const jana: Author = { id: 4821, username: 'jana.schmidt' };
const lukas: Author = { id: 5177, username: 'lukas_b' };
const marie: Author = { id: 3302, username: 'mwerner' };
const spammer: Author = { id: 5230, username: 'cheap-seo-4u' };
const bot: Author = { id: -1, username: 'system', staff: true };

describe('thread snapshot', () => {
  it('keeps the newest version when an edit arrives before its create', () => {
    const t = new ThreadBuilder(27341, 'Mautic Meetup in Berlin?', jana);
    const first = t.reply(jana, 'Anyone up for a Mautic meetup in Berlin?');
    const reply = t.reply(lukas, 'Count me in!');
    const edit = t.edit(reply.id, 'Count me in! The room is free on 24 October.');
    const s = fold([edit, first.delivery, reply.delivery])!;
    const post = s.posts[String(reply.id)]!;
    expect(post.version).to.equal(2);
    expect(post.raw).to.equal('Count me in! The room is free on 24 October.');
  });

  it('does not let version 2 overwrite version 3', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const p = t.reply(jana, 'v1');
    const v2 = t.edit(p.id, 'v2');
    const v3 = t.edit(p.id, 'v3');
    expect(fold([p.delivery, v3, v2])!.posts[String(p.id)]!.raw).to.equal('v3');
  });

  it('returns the very same snapshot when a delivery is applied again', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const p = t.reply(jana, 'hello');
    const s = fold([t.created(), p.delivery])!;
    expect(applyObservation(s, observe(p.delivery), { ownUsername: 'system' })).to.equal(s);
  });

  it('marks a deleted post deleted, and a recovered one live again', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const spam = t.reply(spammer, 'cheap SEO');
    const del = t.destroy(spam.id);
    expect(fold([del, spam.delivery])!.posts[String(spam.id)]!.deleted).to.equal(true);
    const rec = t.recover(spam.id);
    expect(fold([rec, del, spam.delivery])!.posts[String(spam.id)]!.deleted).to.equal(false);
  });

  it('counts each liker of the first post once, and ignores likes of other posts', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const first = t.reply(jana, 'Meetup?');
    const reply = t.reply(lukas, 'Yes');
    const s = fold([
      first.delivery,
      t.like(first.id, marie),
      t.like(first.id, marie),
      t.like(reply.id, jana),
      t.like(first.id, lukas),
    ])!;
    expect(s.firstPostLikers).to.deep.equal(
      [
        { id: 3302, username: 'mwerner' },
        { id: 5177, username: 'lukas_b' },
      ].sort((a, b) => a.id - b.id),
    );
  });

  it("marks the service's own posts as its own, case-insensitively", () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const own = t.reply(bot, 'status');
    const s = fold([own.delivery], 'System')!;
    expect(s.posts[String(own.id)]!.own).to.equal(true);
  });

  it('builds the topic from post payloads until a topic event arrives', () => {
    const t = new ThreadBuilder(27341, 'Mautic Meetup in Berlin?', jana);
    const first = t.reply(jana, 'Hi all');
    const view = threadView(fold([first.delivery])!);
    expect(view).to.deep.include({
      title: 'Mautic Meetup in Berlin?',
      categoryId: 61,
      status: 'open',
      archetype: 'regular',
    });
    expect(view.author).to.deep.equal({ id: jana.id, username: jana.username });
  });

  it('orders topic events by highest post number, so a late "created" does not reopen a closed topic', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const created = t.created();
    const first = t.reply(jana, 'Meetup?');
    const closed = t.status('closed', true);
    expect(threadView(fold([first.delivery, closed, created])!).status).to.equal('closed');
  });

  it('orders two title edits that add no post by views and delivery id', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const first = t.reply(jana, 'Meetup?');
    const a = t.retitle('Mautic Meetup Lyon');
    const b = t.retitle('Mautic Meetup Lyon & Grenoble');
    expect(threadView(fold([first.delivery, b, a])!).title).to.equal('Mautic Meetup Lyon & Grenoble');
  });

  it('reads the status of the thread: deleted first post, archived, unlisted, moved', () => {
    const t = new ThreadBuilder(1, 'Meetup Lyon', jana);
    const first = t.reply(jana, 'Meetup?');
    expect(threadView(fold([first.delivery, t.destroy(first.id)])!).status).to.equal('deleted');
    const u = new ThreadBuilder(2, 'Meetup Nice', jana);
    const f2 = u.reply(jana, 'Meetup?');
    expect(threadView(fold([f2.delivery, u.status('visible', false)])!).status).to.equal('unlisted');
    expect(threadView(fold([f2.delivery, u.status('archived', true)])!).status).to.equal('archived');
    expect(threadView(fold([f2.delivery, u.move(4)])!).categoryId).to.equal(4);
  });
});

/** A realistic thread: posts, edits, deletes, likes, title changes, status changes, in the order the forum emits them. */
const threadArb = fc
  .array(
    fc.oneof(
      fc.record({
        op: fc.constant('reply' as const),
        who: fc.integer({ min: 0, max: 3 }),
        text: fc.constantFrom('Count me in!', 'Ich bin dabei', 'Not for me', 'Region: Berlin'),
      }),
      fc.record({ op: fc.constant('edit' as const), target: fc.nat(), text: fc.string({ maxLength: 12 }) }),
      fc.record({ op: fc.constant('destroy' as const), target: fc.nat() }),
      fc.record({ op: fc.constant('recover' as const), target: fc.nat() }),
      fc.record({ op: fc.constant('like' as const), target: fc.nat(), who: fc.integer({ min: 0, max: 3 }) }),
      fc.record({
        op: fc.constant('retitle' as const),
        text: fc.constantFrom('Meetup Berlin', 'Mautic Meetup Berlin', 'Berlin meetup (2027)'),
      }),
      fc.record({
        op: fc.constant('status' as const),
        change: fc.constantFrom('closed' as const, 'archived' as const, 'visible' as const),
        value: fc.boolean(),
      }),
    ),
    { maxLength: 25 },
  )
  .map((ops) => {
    const people = [jana, lukas, marie, spammer];
    const t = new ThreadBuilder(27341, 'Mautic Meetup in Berlin?', jana);
    const out: BuiltDelivery[] = [t.created()];
    const ids: number[] = [];
    const first = t.reply(jana, 'Who would join a Mautic meetup in Berlin?');
    ids.push(first.id);
    out.push(first.delivery);
    for (const op of ops) {
      const target = 'target' in op ? ids[op.target % ids.length]! : 0;
      switch (op.op) {
        case 'reply': {
          const r = t.reply(people[op.who]!, op.text);
          ids.push(r.id);
          out.push(r.delivery);
          break;
        }
        case 'edit':
          out.push(t.edit(target, op.text));
          break;
        case 'destroy':
          out.push(t.destroy(target));
          break;
        case 'recover':
          out.push(t.recover(target));
          break;
        case 'like':
          out.push(t.like(target, people[op.who]!));
          break;
        case 'retitle':
          out.push(t.retitle(op.text));
          break;
        case 'status':
          out.push(t.status(op.change, op.value));
          break;
      }
    }
    return out;
  });

/** Any order of the deliveries, with some of them delivered more than once. */
const shuffledWithDuplicates = (deliveries: BuiltDelivery[]) =>
  fc
    .tuple(
      fc.array(fc.nat({ max: deliveries.length - 1 }), { maxLength: deliveries.length }),
      fc.infiniteStream(fc.nat()),
    )
    .map(([dupes, keys]) => {
      const all = [...deliveries, ...dupes.map((i) => deliveries[i]!)];
      const sortKeys = all.map(() => keys.next().value as number);
      return all
        .map((d, i) => ({ d, k: sortKeys[i]! }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.d);
    });

describe('thread snapshot properties', () => {
  it('gives the in-order snapshot for any order and any duplication of the deliveries', () => {
    fc.assert(
      fc.property(
        threadArb.chain((deliveries) => fc.tuple(fc.constant(deliveries), shuffledWithDuplicates(deliveries))),
        ([inOrder, shuffled]) => {
          const expected = fold(inOrder);
          const actual = fold(shuffled);
          expect(actual).to.deep.equal(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes nothing when the whole thread is delivered a second time', () => {
    fc.assert(
      fc.property(threadArb, (deliveries) => {
        const once = fold(deliveries) as ThreadSnapshot;
        let again: ThreadSnapshot = once;
        for (const d of deliveries) again = applyObservation(again, observe(d), { ownUsername: 'system' });
        expect(again).to.equal(once);
      }),
      { numRuns: 100 },
    );
  });
});
