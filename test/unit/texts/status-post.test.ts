import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../../../src/rules/checklist.js';
import { inert, renderStatusPost, STATUS_MARKER } from '../../../src/texts/status-post.js';
import { jana, lukas, thread } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system');
const facts = {
  now: new Date('2026-11-24T12:00:00Z'),
  forumUrl: 'https://f',
  meetups: [],
  countries: [],
  otherProposals: [],
  profiles: {},
};

/** What Discourse would make live in a post: mentions, links, images and HTML outside code. */
function liveParts(markdown: string): string[] {
  const outsideCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...outsideCode.matchAll(/@[\w.-]+|https?:\/\/\S+|!\[|<[a-z!/]|\[[^\]]*\]\(/gi)]
    .map((m) => m[0])
    .filter((m) => m !== '<!');
}

describe('the status post', () => {
  const hostile = [
    'Region: Berlin @here @everyone @moderators',
    'Organisers: @jana.schmidt @lukas_b',
    'Venue: <img src=x onerror=alert(1)> ![pic](https://evil.example/x.png) [click](https://evil.example) office `tick` @admins',
    'Launch: 2027-03-05',
    `Monthly: first Friday of each month at 18:00 ${'@group '.repeat(400)}`,
  ].join('\n');

  it('shows every criterion with its mark, the next step and the template', () => {
    const e = evaluateChecklist(
      thread('Mautic Meetup', [
        [jana, 'Region: Berlin'],
        [lukas, 'Count me in'],
      ]),
      rules,
      facts,
    );
    const text = renderStatusPost({
      state: 'gathering',
      checklist: e.checklist,
      interested: ['jana.schmidt', 'lukas_b'],
      rejectionReason: null,
    });
    expect(text.startsWith(STATUS_MARKER)).to.equal(true);
    expect(text).to.include('✅ **At least two people interested**');
    expect(text).to.include('✅ **A clear region or town, not covered yet**: `Berlin`');
    expect(text).to.include('⬜ **A confirmed office or community space**');
    expect(text).to.include('Interested so far: `jana.schmidt`, `lukas_b`');
    expect(text).to.include('Monthly: first Friday of each month at 18:00');
  });

  it('never makes user text live: no mention, link, image or HTML outside code', () => {
    const e = evaluateChecklist(
      thread('Mautic Meetup', [
        [jana, hostile],
        [lukas, '+1'],
      ]),
      rules,
      facts,
    );
    const text = renderStatusPost({
      state: 'rejected',
      checklist: e.checklist,
      interested: ['jana.schmidt', 'lukas_b'],
      rejectionReason: '@here see <b>this</b> `x`',
    });
    expect(liveParts(text)).to.deep.equal([]);
    expect(text).to.include('`Berlin @here @everyone @moderators`');
  });

  it('stays bounded whatever people write', () => {
    const e = evaluateChecklist(thread('Mautic Meetup', [[jana, hostile.repeat(50)]]), rules, facts);
    const many = Array.from({ length: 500 }, (_, i) => `user_${i}`);
    const text = renderStatusPost({
      state: 'gathering',
      checklist: e.checklist,
      interested: many,
      rejectionReason: 'x'.repeat(10_000),
    });
    expect(text.length).to.be.below(5000);
    expect(text).to.include('and 480 more');
  });

  it('inert() keeps text on one line inside one code span', () => {
    expect(inert('a `b`\n@c')).to.equal("`a 'b' @c`");
    expect(inert('x'.repeat(500)).length).to.equal(122);
  });
});
