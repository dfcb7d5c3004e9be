import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generatedData } from '../../../src/config/generated.js';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { interestedPeople } from '../../../src/rules/interest.js';
import { readReply, replyReader } from '../../../src/rules/reply.js';
import { OUTPUT, trainedModel } from '../../../scripts/train-reader.js';
import { labelledSets, setPath, tuningReplies } from '../../support/interest-set.js';
import { jana, lukas, marta, sofia, thread } from '../../support/views.js';

const model = generatedData().replyModel;
const reader = replyReader(loadRulesConfig('config/default.json').interest, model);

describe('the reply reader: its model (generated/reply-model.json, npm run train)', () => {
  it('was trained on the tuning sets as they are now', () => {
    const tuning = labelledSets().replies.filter((s) => s.role === 'tuning');
    expect(model.trainedOn).to.deep.equal(
      tuning.map((s) => ({
        file: s.file,
        sha256: createHash('sha256')
          .update(readFileSync(setPath(s)))
          .digest('hex'),
      })),
      'run npm run train',
    );
  });

  it('is what npm run train makes of them with the features of today (to the last decimal kept)', function () {
    this.timeout(120_000);
    const fresh = trainedModel();
    const stored = JSON.parse(readFileSync(OUTPUT, 'utf8')) as typeof fresh;
    expect(Object.keys(fresh.weights).length, 'run npm run train').to.equal(Object.keys(stored.weights).length);
    let differ = 0;
    for (const [f, w] of Object.entries(fresh.weights)) {
      const s = stored.weights[f];
      if (!s || w.some((x, i) => Math.abs(x - s[i]!) > 0.002)) differ++;
    }
    expect(differ, 'features whose weights differ: run npm run train').to.equal(0);
  });

  it('reads the replies it learnt from as labelled, but for a few', () => {
    const replies = tuningReplies();
    const wrong = replies.filter((r) => (readReply(r.text, reader) === 'interest') !== (r.label === 'interest'));
    expect(wrong.length / replies.length).to.be.below(0.02);
  });

  it('speaks no other language than the classes it was given', () => {
    expect(model.classes).to.deep.equal(['interest', 'withdrawal', 'none']);
    expect(model.unsureFrom).to.be.below(model.interestFrom);
  });
});

describe('the reply reader: unsure', () => {
  const opts = { countAuthor: true, countFirstPostLikes: true, ignored: () => false };

  it('reads a reply that speaks of coming without a yes or a no as unsure, and a plain yes, no or question not', () => {
    expect(readReply("I might come, it depends on my shifts that week. I'll see.", reader)).to.equal('unsure');
    expect(readReply('Count me in!', reader)).to.equal('interest');
    expect(readReply("Sorry, I can't make it.", reader)).to.equal('withdrawal');
    expect(readReply('Is there parking near the venue?', reader)).to.equal('none');
  });

  it('lists an unsure writer apart, and never one who also said yes, said no or liked the first post', () => {
    const maybe = "I might come, it depends on my shifts that week. I'll see.";
    const view = thread(
      'Mautic Meetup in Berlin?',
      [
        [jana, 'Who would join a Berlin meetup?'],
        [lukas, maybe],
        [sofia, 'Count me in!'],
        [sofia, maybe],
        [marta, maybe],
      ],
      { firstPostLikers: [{ id: marta.id, username: marta.username }] },
    );
    const read = interestedPeople(view, reader, opts);
    expect(read.interested.map((p) => p.username)).to.deep.equal(['jana.schmidt', 'sofia_r', 'mwerner']);
    expect(read.unsure.map((p) => [p.username, p.post])).to.deep.equal([['lukas_b', 2]]);
  });
});
