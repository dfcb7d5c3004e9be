import { expect } from 'chai';
import { deliveriesWaitedFor, type Delivered } from '../../src/events/waited.js';
import type { PostObservation } from '../../src/events/payloads.js';

const post = (topicId: number, number: number): PostObservation => ({
  id: topicId * 10 + number,
  topicId,
  number,
  postType: 1,
  userId: 7,
  username: 'someone',
  raw: 'text',
  version: 1,
  updatedAt: '2026-12-01T10:00:00.000Z',
  createdAt: '2026-12-01T10:00:00.000Z',
  deleted: false,
  staff: false,
  topic: { title: 'A topic', slug: 'a-topic', categoryId: 61, archetype: 'regular' },
});

describe('which deliveries people wait for (events/waited.ts)', () => {
  it('those of a known proposal, those that may make a topic one, and an approver’s command; one read of the store for all', async () => {
    const cases: Array<[string, Delivered | null, boolean]> = [
      ['a reply in a proposal', { observation: { kind: 'post', post: post(1, 2) } }, true],
      ['a reply elsewhere', { observation: { kind: 'post', post: post(2, 2) } }, false],
      [
        'a like in a proposal',
        { observation: { kind: 'like', post: post(1, 3), liker: { id: 8, username: 'x' } } },
        true,
      ],
      ['a like elsewhere', { observation: { kind: 'like', post: post(2, 3), liker: { id: 8, username: 'x' } } }, false],
      ['a first post of a new topic', { observation: { kind: 'post', post: post(3, 1) } }, true],
      [
        'a topic event',
        {
          observation: {
            kind: 'topic',
            topic: {
              id: 4,
              title: 'Meetup?',
              slug: null,
              categoryId: 61,
              archetype: 'regular',
              closed: false,
              archived: false,
              visible: true,
              deleted: false,
              author: null,
              tags: [],
              highestPostNumber: 1,
              views: 1,
              eventId: 1,
            },
          },
        },
        true,
      ],
      [
        'an approver’s command in a private message',
        { observation: { kind: 'pm_post', post: post(5, 2) }, command: { action: 'approve', comment: null } },
        true,
      ],
      ['a category’s change', { observation: { kind: 'category', categoryId: 61 } }, false],
      ['a job that is no delivery', null, false],
    ];
    const reads: string[][] = [];
    const waited = await deliveriesWaitedFor(
      cases.map(([, d]) => d),
      async (ids) => {
        reads.push(ids);
        return new Set(ids.filter((id) => id === '1'));
      },
    );
    expect(cases.map(([what], i) => `${what}: ${waited[i]}`)).to.deep.equal(
      cases.map(([what, , expected]) => `${what}: ${expected}`),
    );
    expect(reads).to.deep.equal([['1', '2']]);
  });

  it('reads nothing when no delivery depends on the topic', async () => {
    let read = false;
    const waited = await deliveriesWaitedFor([{ observation: { kind: 'post', post: post(3, 1) } }], async () => {
      read = true;
      return new Set();
    });
    expect(waited).to.deep.equal([true]);
    expect(read).to.equal(false);
  });
});
