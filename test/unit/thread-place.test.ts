import { generatedData } from '../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig, type RulesConfig } from '../../src/config/rules-config.js';
import { resolveTree } from '../../src/forum/categories.js';
import type { CategoryInfo } from '../../src/forum/client.js';
import { threadPlace } from '../../src/jobs/thread-place.js';
import { compileRules } from '../../src/rules/checklist.js';
import { evaluateProposal, type ProposalContext } from '../../src/rules/proposal.js';
import { threadView } from '../../src/rules/snapshot.js';
import { SITE_CATEGORIES } from '../support/forum-data.js';
import { fold } from '../support/observe.js';
import { ThreadBuilder, type Author } from '../support/thread.js';

const rules = loadRulesConfig('config/default.json');
const compiled = compileRules(rules, 'system', generatedData());
const all: CategoryInfo[] = [
  ...SITE_CATEGORIES.map((c) => ({ id: c.id, name: c.name, slug: c.slug, parentId: c.parent_category_id })),
  { id: 80, name: 'United States', slug: 'united-states', parentId: 55 },
  { id: 81, name: 'California', slug: 'california', parentId: 80 },
];
const tree = resolveTree(all, rules.forum);
const jana: Author = { id: 4821, username: 'jana.schmidt' };
const sam: Author = { id: 4900, username: 'sam' };

const GERMAN =
  'Hallo zusammen! Wer hätte Interesse an einem monatlichen Mautic-Treffen in Berlin? Ich würde es organisieren.';
const ENGLISH = 'Hi everyone! Would anyone be interested in a monthly Mautic meetup here? I would organise it.';

function thread(categoryId: number, ...posts: Array<[Author, string]>) {
  const t = new ThreadBuilder(600, 'Mautic Meetup?', posts[0]![0], { categoryId });
  const deliveries = [t.created(), ...posts.map(([who, raw]) => t.reply(who, raw).delivery)];
  return threadView(fold(deliveries)!);
}

const place = (view: ReturnType<typeof thread>, r: RulesConfig = rules, kept: string | null = null) =>
  threadPlace(view, tree, r, compiled, kept);

describe("a thread's language and its meetup's time zone", () => {
  it('a German thread in Germany: German, and Berlin time', () => {
    const p = place(thread(61, [jana, GERMAN]));
    expect(p.language).to.equal('de');
    expect(p.timeZone('Berlin')).to.equal('Europe/Berlin');
  });

  it('an English thread in Germany: English, and still Berlin time', () => {
    const p = place(thread(61, [jana, ENGLISH]));
    expect(p.language).to.equal('en');
    expect(p.timeZone(null)).to.equal('Europe/Berlin');
  });

  it('the language set for the country category wins over what the proposer wrote', () => {
    const configured = {
      ...rules,
      texts: { ...rules.texts, countryCategories: { germany: { language: 'de', timeZone: 'Europe/Busingen' } } },
    };
    const p = place(thread(61, [jana, ENGLISH]), configured);
    expect(p.language).to.equal('de');
    expect(p.timeZone('Berlin')).to.equal('Europe/Busingen');
  });

  it('reads only the proposer: a French reply does not make a German thread French', () => {
    const p = place(
      thread(
        61,
        [jana, GERMAN],
        [sam, 'Je suis très intéressé, je viendrai avec plaisir et j’amènerai deux collègues de Paris !'],
      ),
    );
    expect(p.language).to.equal('de');
  });

  it('a thread in a subcategory of a country takes the country; a city named in the region picks its zone', () => {
    const p = place(thread(81, [jana, ENGLISH]));
    expect(p.timeZone('Los Angeles')).to.equal('America/Los_Angeles');
    expect(p.timeZone(null)).to.equal('America/New_York');
  });

  it('a thread outside every country category: the forum’s zone', () => {
    expect(place(thread(55, [jana, ENGLISH])).timeZone('Berlin')).to.equal(rules.texts.defaultTimeZone);
  });

  it('a language kept from before is not read again', () => {
    expect(place(thread(61, [jana, ENGLISH]), rules, 'de').language).to.equal('de');
  });
});

describe('the proposal keeps its language once its status post is written', () => {
  const ctx: ProposalContext = {
    rules,
    compiled,
    facts: { forumUrl: 'https://f', meetups: [], countries: ['Germany'], otherProposals: [], profiles: {} },
    forumUrl: 'https://f',
    isWatched: (id) => tree.watched.has(id ?? -1),
    now: new Date('2026-11-24T12:00:00Z'),
  };
  const view = thread(61, [jana, `${GERMAN}\n\nRegion: Berlin`]);
  const german = { language: 'de', timeZone: (region: string | null) => (region ? 'Europe/Berlin' : 'UTC') };
  const english = { language: 'en', timeZone: () => 'Europe/Paris' };

  it('stores the language and the zone of the region it found', () => {
    const p = evaluateProposal(view, null, { ...ctx, place: german })!;
    expect(p).to.deep.include({ language: 'de', timeZone: 'Europe/Berlin' });
  });

  it('follows the thread while it has no status post, then keeps the language (the zone still follows)', () => {
    const first = evaluateProposal(view, null, { ...ctx, place: german })!;
    expect(evaluateProposal(view, first, { ...ctx, place: english })!.language).to.equal('en');
    const posted = { ...first, statusPostId: 9001 };
    const later = evaluateProposal(view, posted, { ...ctx, place: english })!;
    expect(later).to.deep.include({ language: 'de', timeZone: 'Europe/Paris' });
  });

  it('keeps both when evaluated without a place', () => {
    const first = evaluateProposal(view, null, { ...ctx, place: german })!;
    expect(evaluateProposal(view, first, ctx)).to.equal(first);
  });
});
