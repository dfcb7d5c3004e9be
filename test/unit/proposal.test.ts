import { generatedData } from '../../src/config/generated.js';
import { expect } from 'chai';
import { parseRulesConfig, loadRulesConfig } from '../../src/config/rules-config.js';
import { evaluateProposal, looksLikeProposal, type ProposalContext } from '../../src/rules/proposal.js';
import { compileRules } from '../../src/rules/checklist.js';
import { threadView } from '../../src/rules/snapshot.js';
import { fold } from '../support/observe.js';
import { ThreadBuilder, type Author } from '../support/thread.js';

const rules = loadRulesConfig('config/default.json');
const jana: Author = { id: 4821, username: 'jana.schmidt' };
const ctx: ProposalContext = {
  rules,
  compiled: compileRules(rules, 'system', generatedData()),
  facts: {
    forumUrl: 'https://forum.mautic.org',
    meetups: [],
    countries: ['Germany', 'France'],
    otherProposals: [],
    profiles: {},
  },
  forumUrl: 'https://forum.mautic.org',
  isWatched: (id) => id === 61 || id === 62 || id === 55,
  now: new Date('2026-11-24T12:00:00Z'),
};

function viewOf(title: string, firstPost: string, extra: (t: ThreadBuilder) => void = () => undefined) {
  const t = new ThreadBuilder(500, title, jana);
  const deliveries = [t.created(), t.reply(jana, firstPost).delivery];
  extra(t);
  return { t, deliveries, view: threadView(fold(deliveries)!) };
}

describe('which watched threads are proposals', () => {
  const proposals: Array<[string, string, string]> = [
    ['English title', 'Mautic Meetup in Berlin?', 'Hi all'],
    ['hyphenated', 'Meet-up in Leeds', 'Anyone?'],
    ['English first post', 'Mautic in Manchester', 'Would anyone join a user group here?'],
    ['German', 'Mautic Stammtisch Köln', 'Hallo zusammen'],
    ['German, accent-free match', 'Mautic-Treffen in München', 'Wer ist dabei?'],
    ['French', 'Rencontre Mautic à Lyon', 'Bonjour'],
    ['Spanish', 'Encuentro de Mautic en Madrid', 'Hola'],
    ['Portuguese', 'Encontro Mautic em Lisboa', 'Olá'],
    ['Italian', 'Incontro Mautic a Milano', 'Ciao'],
    ['Dutch', 'Mautic bijeenkomst Utrecht', 'Hoi'],
    ['Polish', 'Spotkanie Mautic w Krakowie', 'Cześć'],
  ];
  for (const [what, title, first] of proposals) {
    it(`sees a proposal in: ${what} ("${title}")`, () => {
      expect(looksLikeProposal(viewOf(title, first).view, ctx)).to.equal(true);
    });
  }

  const others: Array<[string, string, string]> = [
    ['a support question', 'Segment filter not working in Germany', 'Help please'],
    ['a job post', 'Looking for a Mautic developer in Berlin', 'Paid job'],
    ['a word that only contains a keyword', 'Meetupless times', 'Treffend formuliert'],
  ];
  for (const [what, title, first] of others) {
    it(`stays silent in ${what}`, () => {
      expect(looksLikeProposal(viewOf(title, first).view, ctx)).to.equal(false);
    });
  }

  it('counts the configured tag as a proposal', () => {
    const t = new ThreadBuilder(501, 'Berlin, anyone?', jana);
    t.topic.tags = [{ id: 312, name: 'meetup', slug: 'meetup' }];
    const view = threadView(fold([t.created(), t.reply(jana, 'Hi').delivery])!);
    expect(looksLikeProposal(view, ctx)).to.equal(true);
    const custom = parseRulesConfig({ forum: { proposalTag: 'local-group' } });
    expect(
      looksLikeProposal(view, { rules: custom, compiled: compileRules(custom, 'system', generatedData()) }),
    ).to.equal(false);
  });
});

describe('proposal state from the thread', () => {
  it('starts gathering with the author interested, the region from the title, and a status post to write', () => {
    // The thread was written months before `now`: without long silences it would be stalled.
    const lifecycle = { ...ctx.rules.lifecycle, proposalReminderAfter: 'P3650D', proposalStalledAfter: 'P3650D' };
    const p = evaluateProposal(viewOf('Mautic Meetup in Berlin?', 'Hi').view, null, {
      ...ctx,
      rules: { ...ctx.rules, lifecycle },
    })!;
    expect(p).to.deep.include({
      topicId: 500,
      title: 'Mautic Meetup in Berlin?',
      url: 'https://forum.mautic.org/t/mautic-meetup-in-berlin/500',
      state: 'gathering',
      interested: ['jana.schmidt'],
      statusPostId: null,
      approval: null,
      category: null,
      approvalRound: 0,
      updatedAt: '2026-11-24T12:00:00.000Z',
    });
    expect(p.checklist!.interest.status).to.equal('missing');
    expect(p.checklist!.region).to.deep.include({ status: 'met', value: 'Berlin' });
    expect(p.pendingEffects).to.deep.equal([{ kind: 'write_status_post', key: 'status:500' }]);
  });

  it('is no proposal at all when the thread is not one', () => {
    expect(evaluateProposal(viewOf('Segment help', 'Hi').view, null, ctx)).to.equal(null);
  });

  for (const [what, change] of [
    ['closed', (t: ThreadBuilder) => t.status('closed', true)],
    ['archived', (t: ThreadBuilder) => t.status('archived', true)],
    ['unlisted', (t: ThreadBuilder) => t.status('visible', false)],
    ['moved out of the watched tree', (t: ThreadBuilder) => t.move(4)],
  ] as const) {
    it(`is withdrawn when ${what}, and gathers again when it comes back`, () => {
      const t = new ThreadBuilder(502, 'Mautic Meetup Lyon', jana);
      const start = [t.created(), t.reply(jana, 'Hi').delivery];
      const open = evaluateProposal(threadView(fold(start)!), null, ctx)!;
      const gone = [...start, change(t)];
      const withdrawn = evaluateProposal(threadView(fold(gone)!), open, {
        ...ctx,
        now: new Date('2026-11-25T00:00:00Z'),
      })!;
      expect(withdrawn.state).to.equal('withdrawn');
      expect(withdrawn.updatedAt).to.equal('2026-11-25T00:00:00.000Z');
      const back =
        what === 'moved out of the watched tree'
          ? t.move(62)
          : what === 'unlisted'
            ? t.status('visible', true)
            : t.status(what, false);
      expect(evaluateProposal(threadView(fold([...gone, back])!), withdrawn, ctx)!.state).to.equal('gathering');
    });
  }

  it('returns the previous proposal itself when nothing changed', () => {
    const { view } = viewOf('Mautic Meetup in Berlin?', 'Hi');
    const p = evaluateProposal(view, null, ctx)!;
    expect(evaluateProposal(view, p, { ...ctx, now: new Date('2027-01-01T00:00:00Z') })).to.equal(p);
  });

  it('moves to awaiting approval when every criterion is met, recording one prompt to send', () => {
    const lukas: Author = { id: 5120, username: 'lukas_b' };
    const t = new ThreadBuilder(503, 'Mautic Meetup in Leipzig?', jana);
    const template =
      'Region: Leipzig\nOrganisers: me and @lukas_b\nVenue: Acme GmbH office, Markt 1 (office)\nLaunch: 2027-03-05\nMonthly: first Friday of each month at 18:00';
    const deliveries = [
      t.created(),
      t.reply(jana, template).delivery,
      t.reply(lukas, 'Count me in, I co-organise.').delivery,
    ];
    const p = evaluateProposal(threadView(fold(deliveries)!), null, ctx)!;
    expect(p.state).to.equal('awaiting_approval');
    expect(p.interested).to.deep.equal(['jana.schmidt', 'lukas_b']);
    expect(p.pendingEffects).to.deep.equal([
      { kind: 'write_status_post', key: 'status:503' },
      { kind: 'send_approval_prompt', key: 'prompt:503:1', round: 1 },
    ]);
    // The same thread read again asks for nothing new.
    expect(evaluateProposal(threadView(fold([...deliveries, ...deliveries])!), p, ctx)).to.equal(p);
  });
});
