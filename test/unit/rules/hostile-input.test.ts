import { generatedData } from '../../../src/config/generated.js';
import { readReply } from '../../../src/rules/reply.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../../../src/rules/checklist.js';
import { postStance } from '../../../src/rules/reply-rules.js';
import { readDate } from '../../../src/rules/launch-date.js';
import { readCommand } from '../../../src/events/command.js';
import { companyOf, namedOrganisers } from '../../../src/rules/organisers.js';
import { isOnline, regionFromProse, regionFromTitle, regionKey, regionName } from '../../../src/rules/region.js';
import { readSchedule } from '../../../src/rules/schedule.js';
import { detectLanguage, proposerText } from '../../../src/texts/language.js';
import {
  announcement,
  approvalFollowup,
  approvalPrompt,
  categoryDescription,
  categoryPlan,
  nonApproverAnswer,
  openedConfirmation,
  promptTitle,
} from '../../../src/texts/messages.js';
import { inert, renderStatusPost } from '../../../src/texts/status-post.js';
import { templateLines } from '../../../src/rules/template.js';
import { clauses, ownWords } from '../../../src/words/text.js';
import { readVenue, venueSentence } from '../../../src/rules/venue.js';
import { isProposal } from '../../../src/rules/proposal.js';
import { fill, HOSTILE, HOSTILE_SIZE } from '../../support/hostile-input.js';
import { CALENDAR_URL, catalog, contextFor, FORUM, proposalOf, rules as textRules } from '../../support/texts.js';
import { jana, lukas, thread, type Person } from '../../support/views.js';

const config = loadRulesConfig('config/default.json');
const rules = compileRules(config, 'system', generatedData());
const MATCHERS: Array<[string, (s: string) => unknown]> = [
  ['postStance', (s) => postStance(s, rules.replies.lexicon.rules)],
  ['readReply', (s) => readReply(s, rules.replies)],
  ['ownWords', ownWords],
  ['clauses', clauses],
  ['templateLines', (s) => templateLines(s, rules.labels, 300)],
  ['regionKey', (s) => regionKey(s, rules.region)],
  ['isOnline', (s) => isOnline(s, rules.region)],
  ['regionFromTitle', (s) => regionFromTitle(s, rules.region)],
  ['regionName', (s) => regionName(s, rules.region)],
  ['regionFromProse', (s) => regionFromProse(s, rules.region, rules.keywords)],
  ['namedOrganisers', (s) => namedOrganisers(s, { userId: 1, username: 'a' }, [], rules.selfWords)],
  ['companyOf', (s) => companyOf({ company: s, website: s }, rules.personalDomains)],
  ['readVenue', (s) => readVenue(s, rules.venue)],
  ['venueSentence', (s) => venueSentence(s, rules.venue, 300)],
  ['isProposal', (s) => isProposal(thread(s, [[jana, s]]), { rules: config, compiled: rules })],
  ['readDate', (s) => readDate(s, new Date('2026-11-24T00:00:00Z'), rules.dates)],
  ['readSchedule', (s) => readSchedule(s, rules.schedule)],
  ['readCommand', (s) => readCommand(s, config.approval.commands)],
  ['inert', inert],
  ['proposerText', (s) => proposerText(thread('t', [[jana, s]]), rules.labels)],
  ['detectLanguage', (s) => detectLanguage(s, [...catalog.messages.keys()])],
];

describe('rules: hostile input stays linear', function () {
  // Every matcher gets every 100 kB shape; a super-linear one would take minutes, not this.
  this.timeout(15_000);

  for (const [name, match] of MATCHERS) {
    it(`${name} reads every pathological 100 kB string`, () => {
      for (const [, text] of HOSTILE) match(text);
      expect(HOSTILE.every(([, t]) => t.length >= HOSTILE_SIZE)).to.equal(true);
    });
  }

  it('a whole thread of hostile posts gives a bounded checklist and status post', () => {
    const view = thread(
      fill('Meetup '),
      HOSTILE.map(([, text]) => [jana, text] as [typeof jana, string]),
    );
    const e = evaluateChecklist(view, rules, {
      now: new Date(),
      forumUrl: 'https://f',
      meetups: [],
      countries: [],
      otherProposals: [],
      profiles: {},
    });
    const post = renderStatusPost(
      {
        topicId: view.topicId,
        url: 'https://f/t/x/1',
        state: 'gathering',
        checklist: e.checklist,
        interested: e.interested.map((p) => p.username),
        approval: null,
      },
      contextFor('en'),
    );
    expect(post.length).to.be.below(5000);
  });
});

/**
 * What Discourse would make live in a post: mentions, links, images and HTML outside code.
 * The texts' own links (to the forum, the calendar file and the portal) are taken out first.
 */
function liveParts(markdown: string): string[] {
  // The portal's address is the rules file's, not something people wrote.
  const portal = textRules.community.portal?.url ?? CALENDAR_URL;
  const own = (url: string) => url.startsWith(`${FORUM}/`) || url.startsWith(CALENDAR_URL) || url === portal;
  const outsideCode = markdown
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/<!-- meetup-companion:[\w:.-]* -->/g, '')
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (whole, text: string, url: string) => (own(url) ? text : whole))
    .replace(/https?:\/\/\S+/g, (url) => (own(url) ? '' : url));
  return [...outsideCode.matchAll(/@[\w.-]+|https?:\/\/\S+|!\[|<[a-z!/]|\[[^\]]*\]\(/gi)].map((m) => m[0]);
}

describe('texts: what people wrote stays inert, in every language', () => {
  const evil: Person = { id: 666, username: 'evil_<b>' };
  const hostile = [
    'Region: Berlin @here @everyone @moderators [x](https://evil.example) evil.example',
    'Organisers: @jana.schmidt @lukas_b @ghost',
    'Venue: <img src=x onerror=alert(1)> ![pic](https://evil.example/x.png) [click](https://evil.example) office `tick` @admins',
    'Launch: 5 March 2027',
    `Monthly: first Friday of each month at 18:00 ${'@group '.repeat(400)}`,
  ].join('\n');
  const replies: Array<[Person, string]> = [
    [jana, hostile],
    [lukas, '+1 @everyone <script>alert(1)</script>'],
    [evil, 'count me in ![x](https://evil.example/y.png)'],
  ];
  const title = '[Mautic](https://evil.example) @here <b>meetup</b> `x`';

  for (const language of [...catalog.messages.keys()].sort()) {
    it(`${language}: every text shows no mention, link, image or HTML that people wrote`, () => {
      const ctx = contextFor(language);
      const texts: string[] = [];
      for (const state of ['gathering', 'awaiting_approval', 'approved', 'rejected', 'withdrawn', 'opened'] as const) {
        const p = {
          ...proposalOf(replies, state),
          title,
          approval: {
            decision: 'rejected' as const,
            by: 'mod',
            at: '',
            reason: '@here see <b>this</b> `x` https://evil.example',
          },
        };
        const category = { name: categoryPlan(p, ctx.rules.category)!.name, url: `${FORUM}/c/mautic-meetups/x/92` };
        texts.push(renderStatusPost({ ...p, meetupCategory: category }, ctx));
        if (state === 'awaiting_approval') texts.push(promptTitle(p, 1, ctx), approvalPrompt(p, 1, ctx));
        if (state === 'gathering' || state === 'withdrawn') texts.push(approvalFollowup(p, 1, ctx));
        if (state === 'opened') {
          texts.push(announcement(p, category, ctx), categoryDescription(p, ctx), openedConfirmation(p, category, ctx));
          // The organisers posted in the thread: the announcement may mention them, and nobody else.
          const mentions = liveParts(texts.at(-3)!);
          expect(mentions, 'announcement').to.deep.equal(['@jana.schmidt', '@lukas_b']);
          texts.splice(-3, 1);
        }
      }
      texts.push(nonApproverAnswer('answer:1:x', '@here <img src=x>', 'gathering', ctx, 'thread'));
      for (const text of texts) {
        expect(liveParts(text), text).to.deep.equal([]);
        expect(text.length).to.be.below(6000);
      }
    });
  }
});
