import { expect } from 'chai';
import fc from 'fast-check';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { generatedData } from '../../../src/config/generated.js';
import { interestedPeople } from '../../../src/rules/interest.js';
import { replyReader } from '../../../src/rules/reply.js';
import { interestLexicon, postStance } from '../../../src/rules/reply-rules.js';
import { labelledReplies, scoreInterest } from '../../support/interest-set.js';
import { jana, kai, lukas, marta, sofia, system, thread, type Person } from '../../support/views.js';

const rules = loadRulesConfig('config/default.json');
const lex = interestLexicon(rules.interest);
const reader = replyReader(rules.interest, generatedData().replyModel);
const opts = {
  countAuthor: true,
  countFirstPostLikes: true,
  ignored: (p: { username: string; own: boolean }) => p.own || ['system', 'discobot'].includes(p.username),
};

type StanceRow = [what: string, text: string, expected: 'interest' | 'withdrawal' | 'none'];

/** One test a row: the reply's text is read as the expected stance. */
function readsEachAs(rows: readonly StanceRow[]): void {
  for (const [what, text, expected] of rows) {
    it(`${what}: ${JSON.stringify(text)} → ${expected}`, () => {
      expect(postStance(text, lex)).to.equal(expected);
    });
  }
}

describe('interest: one reply at a time', () => {
  const rows: StanceRow[] = [
    ['plain English', 'Count me in!', 'interest'],
    ['"+1"', '+1', 'interest'],
    ['German "wäre dabei"', 'Wäre dabei!', 'interest'],
    ['French', 'Je viendrai avec plaisir', 'interest'],
    ['Spanish', 'Cuenta conmigo', 'interest'],
    ['Portuguese slang', 'Tô dentro', 'interest'],
    ['Dutch', 'Ik doe mee', 'interest'],
    ['Italian', 'Ci sarò', 'interest'],
    ['Polish', 'Chętnie przyjdę', 'interest'],
    ['Polish without diacritics', 'chetnie przyjde', 'interest'],
    ['French, coming as a group', 'On sera trois de mon agence.', 'interest'],
    ['French, a group counted in digits', 'Nous serons 2 de chez Acme', 'interest'],
    ['Polish, coming as a group', 'Będziemy w trójkę.', 'interest'],
    ['German, coming as a group', 'Wir sind zu zweit.', 'interest'],
    ['Spanish, coming as a group', 'Seremos tres de nuestra agencia', 'interest'],
    ['Italian, coming as a group', 'Saremo in due', 'interest'],
    ['English, coming as a group', "We'll be three from our agency", 'interest'],
    ['a group size asked about', 'Seremos tres?', 'none'],
    ['a negation before', "I'm not interested", 'withdrawal'],
    ['a German negation after', 'Interessiert mich nicht', 'withdrawal'],
    ['a French ne…pas', 'Je ne suis pas intéressé', 'withdrawal'],
    ['a question', 'Anyone interested?', 'none'],
    ['a Spanish question', '¿Alguien interesado?', 'none'],
    ['a condition', "If you're interested, reply here", 'none'],
    ['"interesting" is not "interested"', 'Interesting idea', 'none'],
    ['interesting but too far', 'Interesting idea, but I live too far away', 'withdrawal'],
    ['"I\'m in" needs to end its clause', "I'm in Berlin next week", 'none'],
    ['"I\'m in" at the end', "Sounds great, I'm in", 'interest'],
    ['a contrast stops the negation', 'Not sure about the date, but count me in', 'interest'],
    ['the last word wins: out', 'Count me in. Oh no, I just saw the date, count me out', 'withdrawal'],
    ['the last word wins: in', "I can't make it to the first one, but I'll come to the next", 'interest'],
    [
      'a quote is somebody else',
      '[quote="lukas_b, post:2, topic:27341"]\nCount me in!\n[/quote]\nWhere do we park?',
      'none',
    ],
    ['a nested quote', '[quote]a [quote]count me in[/quote] +1 [/quote] Nice', 'none'],
    ['a "> " quote', '> count me in\nGood point', 'none'],
    ['inline code', 'The macro `count me in` broke my template', 'none'],
    ['a fenced block', '```\n+1\n```\nSee the log above', 'none'],
    ['a question about distance is not a withdrawal', 'Is Dresden too far for you?', 'none'],
    [
      'curiosity about another group is not interest',
      'Interested to know how the Leeds group found its venue.',
      'none',
    ],
    ['curiosity, after a hedge', 'I would be interested in hearing how you found a sponsor.', 'none'],
    ['interest first, curiosity after', 'Interested! Keen to hear how it goes.', 'interest'],
  ];
  readsEachAs(rows);
});

describe('interest: the writer saying they attend, beyond the phrases', () => {
  const rows: StanceRow[] = [
    ["a writer's word, then an attendance word", "I'll most likely attend with a colleague.", 'interest'],
    ['"we" a few words before', 'We would be really glad to take part in the first one.', 'interest'],
    ['a German modal between', 'Ich möchte unbedingt mitmachen.', 'interest'],
    ['a verb form that carries its person (Polish)', 'Przyjdę z przyjemnością.', 'interest'],
    ['a verb form that carries its person (Spanish)', 'Iremos los dos desde Sevilla.', 'interest'],
    ['a French first person', 'Je compte bien participer.', 'interest'],
    ['a negation between the writer and the verb', "I won't be able to attend this time.", 'withdrawal'],
    ['a negation before a verb that carries its person', 'No vamos a poder ir al final.', 'withdrawal'],
    ['a German negation after the verb', 'Ich komme leider nicht.', 'withdrawal'],
    ['someone else takes the verb', 'I hope you can join us.', 'none'],
    ['someone else, in Italian', 'Spero che voi possiate venire.', 'none'],
    ['a condition earlier in the clause', 'If the date suits me I will attend.', 'none'],
    ['a hedge', 'I might join the first one.', 'none'],
    ['a hedge of three words', 'A lo mejor me apunto al primero.', 'none'],
    ['"a" alone is no hedge', 'We have a colleague in Leeds and will attend.', 'interest'],
    ['a question', 'Can I join without a Mautic account?', 'none'],
    ['where one comes from', 'I come from Hamburg originally.', 'none'],
    ['where one comes from, in Dutch', 'Ik kom uit Gent.', 'none'],
    ['the past is not a promise', 'I attended the Paris one last spring.', 'none'],
    ['no writer in the clause', 'The sponsors will attend as well.', 'none'],
    ['an attendance verb in another sense', "I'm coming back to this after the holidays.", 'none'],
    [
      '"join" of something else, which also stops the phrase "I\'ll join"',
      "I'll join the Slack channel and ask there.",
      'none',
    ],
    ['"join forces"', 'We will join forces with the WordPress meetup.', 'none'],
    ["an opinion opens someone else's clause", 'I think the sponsors will come too.', 'none'],
    ['English "my" is not Polish "my" (we)', 'My boss will attend the Berlin conference.', 'none'],
    ['German "ja" is not Polish "ja" (I)', 'Es ist ja klar dass die Sponsoren kommen.', 'none'],
    ['Portuguese "vou" before another verb', 'Vou verificar com a equipe.', 'none'],
    ['where one comes from, in Italian', 'Vengo dal mondo WordPress.', 'none'],
    [
      'a German infinitive clause takes its writer from before the comma',
      'Ich hätte große Lust, vorbeizukommen.',
      'interest',
    ],
    ['the same with "dabei zu sein"', 'Wir würden uns sehr freuen, dabei zu sein!', 'interest'],
    ['a negation before the comma carries over', 'Ich habe leider keine Zeit, teilzunehmen.', 'withdrawal'],
    ['someone else before the comma', 'Es wäre toll, wenn ihr Lust hättet, teilzunehmen.', 'none'],
    ['a full stop is not a comma', 'Ich bin neu hier. Teilzunehmen lohnt sich bestimmt.', 'none'],
    [
      'an English attendance word after a comma is an invitation, not an infinitive',
      'We are a small group, join us!',
      'none',
    ],
  ];
  readsEachAs(rows);
});

describe('interest: measured on the labelled replies', () => {
  const replies = labelledReplies();

  it('holds at least 200 replies in all eight languages', () => {
    expect(replies.length).to.be.at.least(200);
    expect(new Set(replies.map((r) => r.language))).to.include.keys('en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl');
  });

  it('finds interest with precision and recall of at least 0.95', () => {
    const score = scoreInterest(replies, lex);
    const wrong = score.wrong.map(
      (w) => `line ${w.line} (${w.language}) ${JSON.stringify(w.text)}: ${w.label}, read ${w.got}`,
    );
    expect(score.precision, wrong.join('\n')).to.be.at.least(0.95);
    expect(score.recall, wrong.join('\n')).to.be.at.least(0.95);
  });

  it('reads every labelled withdrawal as one', () => {
    const missed = replies.filter((r) => r.label === 'withdrawal' && postStance(r.text, lex) !== 'withdrawal');
    expect(missed.map((r) => r.text)).to.deep.equal([]);
  });
});

describe('interest: people in a thread', () => {
  it('counts the author, people who say so, and likers of the first post, in the order they showed it', () => {
    const view = thread(
      'Mautic Meetup in Berlin?',
      [
        [jana, 'Who would join a Berlin meetup?'],
        [sofia, 'Where in Berlin?'],
        [lukas, 'Count me in!'],
      ],
      { firstPostLikers: [{ id: marta.id, username: marta.username }] },
    );
    expect(interestedPeople(view, reader, opts).interested.map((p) => [p.username, p.post])).to.deep.equal([
      ['jana.schmidt', 1],
      ['lukas_b', 3],
      ['mwerner', null],
    ]);
  });

  it('removes someone who later withdraws, and adds them back when they return', () => {
    const replies: Array<[Person, string]> = [
      [jana, 'Meetup in Berlin?'],
      [lukas, 'Count me in'],
      [lukas, "Sorry, can't make it anymore"],
    ];
    expect(interestedPeople(thread('Meetup', replies), reader, opts).interested.map((p) => p.username)).to.deep.equal([
      'jana.schmidt',
    ]);
    replies.push([lukas, "Plans changed again, I'm in!"]);
    expect(
      interestedPeople(thread('Meetup', replies), reader, opts).interested.map((p) => [p.username, p.post]),
    ).to.deep.equal([
      ['jana.schmidt', 1],
      ['lukas_b', 2],
    ]);
  });

  it('lets a liker withdraw by saying so', () => {
    const view = thread(
      'Meetup',
      [
        [jana, 'Meetup?'],
        [marta, 'Count me out, too far'],
      ],
      { firstPostLikers: [{ id: marta.id, username: marta.username }] },
    );
    expect(interestedPeople(view, reader, opts).interested.map((p) => p.username)).to.deep.equal(['jana.schmidt']);
  });

  it('ignores deleted posts, whispers, the service and bots', () => {
    const view = thread('Meetup', [
      [jana, 'Meetup?'],
      [lukas, 'Count me in', { deleted: true }],
      [kai, '+1', { postType: 4 }],
      [system, 'Count me in'],
    ]);
    expect(interestedPeople(view, reader, opts).interested.map((p) => p.username)).to.deep.equal(['jana.schmidt']);
  });

  it('follows the configuration: author and likes not counted when switched off', () => {
    const view = thread(
      'Meetup',
      [
        [jana, 'Meetup?'],
        [lukas, '+1'],
      ],
      { firstPostLikers: [{ id: marta.id, username: marta.username }] },
    );
    const people = interestedPeople(view, reader, {
      ...opts,
      countAuthor: false,
      countFirstPostLikes: false,
    }).interested;
    expect(people.map((p) => p.username)).to.deep.equal(['lukas_b']);
  });
});

describe('interest: properties', () => {
  const people = [jana, lukas, marta, sofia];
  const texts = [
    'Count me in',
    '+1',
    'Not interested',
    'Count me out',
    'Where?',
    'Ich bin dabei',
    'Pas intéressé',
    'Ci sarò',
  ];
  const reply = fc.record({ who: fc.constantFrom(...people), text: fc.constantFrom(...texts), deleted: fc.boolean() });

  it('a negated phrase never adds anyone', () => {
    const negations = [
      "I'm not interested",
      'Nicht interessiert',
      'Pas intéressé',
      'No me interesa',
      'Não tenho interesse',
      'Non mi interessa',
      'Niet geïnteresseerd',
      'Nie jestem zainteresowany',
    ];
    fc.assert(
      fc.property(
        fc.array(reply, { maxLength: 8 }),
        fc.constantFrom(...negations),
        fc.constantFrom(...people),
        (replies, negation, who) => {
          const base: Array<[Person, string, { deleted: boolean }]> = [
            [jana, 'Meetup?', { deleted: false }],
            ...replies.map((r) => [r.who, r.text, { deleted: r.deleted }] as [Person, string, { deleted: boolean }]),
          ];
          const before = new Set(
            interestedPeople(thread('Meetup', base), reader, opts).interested.map((p) => p.username),
          );
          const after = interestedPeople(
            thread('Meetup', [...base, [who, negation, { deleted: false }]]),
            reader,
            opts,
          ).interested.map((p) => p.username);
          return after.every((u) => before.has(u));
        },
      ),
    );
  });
});
