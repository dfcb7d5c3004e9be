import { expect } from 'chai';
import nock from 'nock';
import { Pipeline } from '../support/pipeline.js';
import { ThreadBuilder, type Author } from '../support/thread.js';

const jana: Author = { id: 4821, username: 'jana.schmidt' };
const marta: Author = { id: 5301, username: 'marta' };
const tomasz: Author = { id: 5302, username: 'tomasz' };

describe('two jobs of one thread at once', () => {
  let p: Pipeline;
  beforeEach(() => {
    nock.disableNetConnect();
    p = new Pipeline();
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await p.close();
  });

  it('never lets the slower job write a checklist from the older snapshot over the newer one', async () => {
    const t = new ThreadBuilder(27500, 'Mautic Meetup in Leipzig?', jana, { start: '2026-11-30T09:00:00.000Z' });
    await p.deliver(t.created());
    await p.deliver(t.reply(jana, 'Who would like a Mautic meetup in Leipzig?').delivery);

    // The first job stalls just before it writes the proposal; the second runs to its end meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const get = p.store.proposals.get.bind(p.store.proposals);
    let stalled = false;
    p.store.proposals.get = async (id) => {
      if (!stalled) {
        stalled = true;
        await gate;
      }
      return get(id);
    };
    const slow = p.deliver(t.reply(marta, 'Count me in!').delivery);
    while (!stalled) await new Promise((r) => setImmediate(r));
    await p.deliver(t.reply(tomasz, 'Count me in too!').delivery);
    release();
    await slow;

    expect((await p.proposal(27500))!.interested).to.deep.equal(['jana.schmidt', 'marta', 'tomasz']);
  });
});
