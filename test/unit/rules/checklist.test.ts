import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, evaluateChecklist, type Checklist, type ForumFacts } from '../../../src/rules/checklist.js';
import { readDate } from '../../../src/rules/launch-date.js';
import { readSchedule } from '../../../src/rules/schedule.js';
import { jana, kai, lukas, sofia, thread, type Person } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const NOW = new Date('2026-11-24T12:00:00Z');
const facts: ForumFacts = {
  now: NOW,
  forumUrl: 'https://forum.mautic.org',
  meetups: [{ name: 'Mautic Meetup Munich', url: 'https://forum.mautic.org/c/mautic-meetups/munich/90' }],
  countries: ['Germany', 'France'],
  otherProposals: [
    { topicId: 900, url: 'https://forum.mautic.org/t/meetup-hamburg/900', region: 'Hamburg', online: false },
  ],
  profiles: {},
};

const FULL = [
  'Region: Berlin',
  'Organisers: @jana.schmidt @lukas_b',
  'Venue: Acme GmbH office, Torstraße 1 (office)',
  'Launch: 2027-03-05 18:00',
  'Monthly: first Friday of each month at 18:00',
].join('\n');

function check(replies: Array<[Person, string]>, over: Partial<ForumFacts> = {}, title = 'Mautic Meetup in Berlin?') {
  return evaluateChecklist(thread(title, replies), rules, { ...facts, ...over });
}
const field = <K extends keyof Checklist>(
  replies: Array<[Person, string]>,
  key: K,
  over: Partial<ForumFacts> = {},
  title?: string,
) => check(replies, over, title).checklist[key];

describe('checklist: a complete proposal', () => {
  it('is ready, with every criterion met and read from the right posts', () => {
    const e = check([
      [jana, `Let's start a Berlin meetup!\n\n${FULL}`],
      [lukas, 'Count me in, happy to co-organise.'],
    ]);
    expect(e.ready).to.equal(true);
    expect(e.checklist).to.deep.include({
      interest: {
        status: 'met',
        reason: { code: 'enough', count: 2 },
        posts: [1, 2],
      },
    });
    expect(e.checklist.region).to.deep.include({ status: 'met', value: 'Berlin', posts: [1] });
    expect(e.checklist.organisers).to.deep.include({ status: 'met', value: ['jana.schmidt', 'lukas_b'] });
    expect(e.checklist.venue).to.deep.include({ status: 'met', kind: 'office' });
    expect(e.checklist.launchDate).to.deep.include({ status: 'met', value: '2027-03-05' });
    expect(e.checklist.schedule).to.deep.include({
      status: 'met',
      value: {
        rrule: 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0',
        next: ['2027-03-05T18:00', '2027-04-02T18:00', '2027-05-07T18:00'],
      },
    });
  });
});

describe('checklist: the detail template', () => {
  const rows: Array<[string, Array<[Person, string]>, keyof Checklist, unknown]> = [
    ['German labels', [[jana, 'Stadt: Köln\nOrt der Veranstaltung: Büro der Agentur X']], 'region', 'Köln'],
    ['French labels', [[jana, 'Ville : Lyon']], 'region', 'Lyon'],
    ['bold labels', [[jana, '**Region:** Leipzig']], 'region', 'Leipzig'],
    ['a bulleted label', [[jana, '- Town: Bristol']], 'region', 'Bristol'],
    [
      'the newest post wins',
      [
        [jana, 'Region: Bonn'],
        [jana, 'Region: Köln'],
      ],
      'region',
      'Köln',
    ],
    [
      'a stranger cannot change it',
      [
        [jana, 'Region: Bonn'],
        [sofia, 'Region: Paris'],
      ],
      'region',
      'Bonn',
    ],
    [
      'staff can',
      [
        [jana, 'Region: Bonn'],
        [kai, 'Region: Cologne'],
      ],
      'region',
      'Cologne',
    ],
    [
      'a named organiser can set the venue',
      [
        [jana, 'Organisers: me and @lukas_b'],
        [lukas, 'Venue: Coworking Space Mitte'],
      ],
      'venue',
      'Coworking Space Mitte',
    ],
    [
      'a quoted template is not a new value',
      [
        [jana, 'Region: Bonn'],
        [jana, '[quote]\nRegion: Paris\n[/quote]\nsee above'],
      ],
      'region',
      'Bonn',
    ],
    ['prose with a colon is not a label', [[jana, 'Note: Berlin is big\nRegion: Potsdam']], 'region', 'Potsdam'],
  ];
  for (const [what, replies, key, value] of rows) {
    it(`${what}`, () =>
      expect((field(replies, key, {}, 'Mautic Meetup') as { value?: unknown }).value).to.deep.equal(value));
  }

  it('falls back to a venue sentence of the first post', () => {
    const v = field([[jana, 'Hi all! We can host it at our office in Kreuzberg. Who is in?']], 'venue');
    expect(v).to.deep.include({
      status: 'met',
      kind: 'office',
      value: 'We can host it at our office in Kreuzberg',
      posts: [1],
    });
  });

  it('does not take "I work in an office" as a venue', () => {
    expect(field([[jana, 'I work in an office and love Mautic.']], 'venue')).to.deep.include({ status: 'missing' });
  });
});

describe('checklist: region', () => {
  const munich = {
    code: 'covered',
    name: 'Mautic Meetup Munich',
    url: 'https://forum.mautic.org/c/mautic-meetups/munich/90',
  };
  const rows: Array<[string, string, string, object]> = [
    ['a new town', 'Region: Berlin', 'met', { code: 'clear' }],
    ['covered by an existing meetup, through an alias', 'Region: München', 'blocked', munich],
    ['covered, with the naming template', 'Region: Mautic Meetup Munich', 'blocked', munich],
    ['covered, other case and accents', 'Region: MÜNCHEN!', 'blocked', munich],
    ['part of a covered town', 'Region: Munich North', 'blocked', munich],
    ['a whole country', 'Region: Germany', 'blocked', { code: 'country' }],
    ['a whole country, in its own language', 'Region: Deutschland', 'blocked', { code: 'country' }],
    [
      'another proposal further along',
      'Region: Hamburg',
      'blocked',
      { code: 'other_proposal', url: 'https://forum.mautic.org/t/meetup-hamburg/900' },
    ],
    ['online', 'Region: Online (Deutsch)', 'met', { code: 'online' }],
  ];
  for (const [what, line, status, reason] of rows) {
    it(`${what}: ${line} → ${status}`, () => {
      const r = field([[jana, line]], 'region', {}, 'Mautic Meetup');
      expect(r.status).to.equal(status);
      expect(r.reason).to.deep.equal(reason);
    });
  }

  it('reads the place a title names, not the words around it', () => {
    expect(field([[jana, 'Hi']], 'region', {}, 'Mautic Meetup in Leipzig?').value).to.equal('Leipzig');
    expect(field([[jana, 'Hi']], 'region', {}, 'Rencontre Mautic à Lyon').value).to.equal('Lyon');
    expect(field([[jana, 'Hi']], 'region', {}, 'Meetup in Berlin – who would come along?').value).to.equal('Berlin');
    expect(field([[jana, 'Hi']], 'region', {}, 'Who would come along to a meetup?').status).to.equal('missing');
  });

  it('is missing until given', () => {
    expect(field([[jana, 'Hi']], 'region', {}, 'Mautic Meetup').status).to.equal('missing');
  });
});

describe('checklist: organisers', () => {
  const rows: Array<[string, Array<[Person, string]>, string, string[] | undefined]> = [
    [
      'two mentions, both posted',
      [
        [jana, 'Organisers: @jana.schmidt @lukas_b'],
        [lukas, 'Yes, I co-organise'],
      ],
      'met',
      ['jana.schmidt', 'lukas_b'],
    ],
    [
      '"me and" a name',
      [
        [jana, 'Organisers: me and lukas_b'],
        [lukas, 'Confirmed'],
      ],
      'met',
      ['jana.schmidt', 'lukas_b'],
    ],
    [
      'German "und"',
      [
        [jana, 'Organisatoren: ich und @lukas_b'],
        [lukas, 'Bestätigt'],
      ],
      'met',
      ['jana.schmidt', 'lukas_b'],
    ],
    ['a named person who never posted', [[jana, 'Organisers: @jana.schmidt @mwerner']], 'missing', ['jana.schmidt']],
    ['the same person twice', [[jana, 'Organisers: @jana.schmidt @Jana.Schmidt me']], 'missing', ['jana.schmidt']],
    ['only one', [[jana, 'Organisers: me']], 'missing', ['jana.schmidt']],
    [
      'a stranger naming organisers',
      [
        [jana, 'Hi'],
        [sofia, 'Organisers: @sofia_r @lukas_b'],
        [lukas, 'ok'],
      ],
      'missing',
      undefined,
    ],
  ];
  for (const [what, replies, status, value] of rows) {
    it(`${what} → ${status}`, () => {
      const o = field(replies, 'organisers');
      expect(o.status).to.equal(status);
      expect(o.value).to.deep.equal(value);
    });
  }

  const both: Array<[Person, string]> = [
    [jana, 'Organisers: @jana.schmidt @lukas_b'],
    [lukas, 'Confirmed'],
  ];
  it('warns when both work for the same company (user field, suffixes ignored)', () => {
    const o = field(both, 'organisers', {
      profiles: { 'jana.schmidt': { company: 'Acme GmbH' }, lukas_b: { company: 'ACME' } },
    });
    expect(o.status).to.equal('warning');
  });
  it('warns when both websites share a domain', () => {
    const o = field(both, 'organisers', {
      profiles: { 'jana.schmidt': { website: 'https://www.acme.de/team' }, lukas_b: { website: 'acme.de' } },
    });
    expect(o.status).to.equal('warning');
  });
  it('does not take a GitHub profile as a company', () => {
    const o = field(both, 'organisers', {
      profiles: {
        'jana.schmidt': { website: 'https://github.com/jana' },
        lukas_b: { website: 'https://github.com/lukas' },
      },
    });
    expect(o.status).to.equal('met');
  });
  it('does not warn when a company is unknown', () => {
    expect(field(both, 'organisers', { profiles: { 'jana.schmidt': { company: 'Acme' } } }).status).to.equal('met');
  });
});

describe('checklist: venue', () => {
  const rows: Array<[string, string, string, string]> = [
    ['an office', 'Venue: Acme GmbH office, Torstraße 1', 'met', 'office'],
    ['a co-working space', 'Venue: Betahaus co-working, Kreuzberg', 'met', 'office'],
    ['a library', 'Venue: Stadtbibliothek — the public library', 'met', 'community_space'],
    ['a German Büro', 'Ort der Veranstaltung: Büro der Agentur Nord', 'met', 'office'],
    ['a French bureau', 'Lieu : nos bureaux à Lyon', 'met', 'office'],
    ['a Spanish oficina', 'Lugar: oficina de Acme en Madrid', 'met', 'office'],
    ['a university', 'Venue: TU Berlin university, room 101', 'met', 'community_space'],
    ['a pub', 'Venue: The Crown pub', 'blocked', 'bar'],
    ['pubs, plural', 'Venue: one of the pubs on Main St', 'blocked', 'bar'],
    ['a Kneipe', 'Ort der Veranstaltung: Kneipe am Eck', 'blocked', 'bar'],
    ['a brewery', 'Venue: Stone Brewery taproom', 'blocked', 'bar'],
    ['Barcelona is not a bar', 'Venue: Barcelona Activa coworking', 'met', 'office'],
    ['an unknown kind', 'Venue: Torstraße 1', 'missing', 'unknown'],
    ['both kinds', 'Venue: Acme office, then the pub next door', 'missing', 'unknown'],
    ['not confirmed', 'Venue: Acme office (to be confirmed)', 'missing', 'office'],
  ];
  for (const [what, line, status, kind] of rows) {
    it(`${what}: ${line} → ${status} (${kind})`, () => {
      const v = field([[jana, line]], 'venue');
      expect([v.status, v.kind]).to.deep.equal([status, kind]);
    });
  }
  it('needs no place for an online meetup', () => {
    expect(field([[jana, 'Region: Online']], 'venue').status).to.equal('met');
  });
});

describe('checklist: launch date', () => {
  const dates: Array<[string, string, string | null]> = [
    ['ISO', '2027-03-05', '2027-03-05'],
    ['ISO with time', '2027-03-05 18:00', '2027-03-05'],
    ['English', '5 March 2027', '2027-03-05'],
    ['German', '5. März 2027', '2027-03-05'],
    ['French', 'le 5 mars 2027', '2027-03-05'],
    ['Spanish', 'el 5 de marzo de 2027', '2027-03-05'],
    ['Portuguese', '5 de março de 2027', '2027-03-05'],
    ['Italian', '5 marzo 2027', '2027-03-05'],
    ['Dutch', '5 maart 2027', '2027-03-05'],
    ['Polish', '5 marca 2027', '2027-03-05'],
    ['day before month', '05/03/2027', '2027-03-05'],
    ['no year: the next one', '5 March', '2027-03-05'],
    ['no day', 'sometime in spring', null],
  ];
  for (const [what, text, expected] of dates) {
    it(`reads ${what}: ${JSON.stringify(text)}`, () => {
      expect(readDate(text, NOW, rules.dates)?.date ?? null).to.equal(expected);
    });
  }
  const rows: Array<[string, string, string]> = [
    ['in the past', 'Launch: 2026-11-01', 'blocked'],
    ['today is fine but soon', 'Launch: 2026-11-24', 'warning'],
    ['under four weeks', 'Launch: 2026-12-15', 'warning'],
    ['exactly 28 days', 'Launch: 2026-12-22', 'met'],
    ['unreadable', 'Launch: soon', 'missing'],
  ];
  for (const [what, line, status] of rows) {
    it(`${what} → ${status}`, () => expect(field([[jana, line]], 'launchDate').status).to.equal(status));
  }
  it('warns when the launch is not on the monthly schedule', () => {
    const l = field([[jana, 'Launch: 2027-03-04\nMonthly: first Friday of each month at 18:00']], 'schedule');
    expect(l.status).to.equal('warning');
    expect(l.reason).to.deep.include({ code: 'monthly', warning: 'off_launch' });
  });
});

describe('checklist: monthly schedule', () => {
  const rows: Array<[string, string | null]> = [
    ['first Friday of each month at 6 PM', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['every 2nd Tuesday, 19:00', 'FREQ=MONTHLY;BYDAY=2TU;BYHOUR=19;BYMINUTE=0'],
    ['last Thursday of the month 18:30', 'FREQ=MONTHLY;BYDAY=-1TH;BYHOUR=18;BYMINUTE=30'],
    ['jeden ersten Freitag im Monat um 18 Uhr', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['jeden 2. Dienstag im Monat, 19 Uhr', 'FREQ=MONTHLY;BYDAY=2TU;BYHOUR=19;BYMINUTE=0'],
    ['le premier vendredi du mois à 18h', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['le dernier jeudi du mois à 19h30', 'FREQ=MONTHLY;BYDAY=-1TH;BYHOUR=19;BYMINUTE=30'],
    ['el primer viernes de cada mes a las 18:00', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['toda primeira segunda-feira do mês às 19h', 'FREQ=MONTHLY;BYDAY=1MO;BYHOUR=19;BYMINUTE=0'],
    ['ogni primo venerdì del mese alle 18:00', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['elke eerste vrijdag van de maand om 19.00', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=19;BYMINUTE=0'],
    ['w każdy pierwszy piątek miesiąca o 18:00', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['from 6 PM on the first Friday of each month', 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['the 15th of each month at 18:00', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['monthly on the 1st at 7pm', 'FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=19;BYMINUTE=0'],
    ['am 15. jeden Monats um 18 Uhr', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['le 15 de chaque mois à 18h', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['el día 15 de cada mes a las 18:00', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['todo dia 15 às 19h', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=19;BYMINUTE=0'],
    ['Encontros todos os dias 10, às 18:30', 'FREQ=MONTHLY;BYMONTHDAY=10;BYHOUR=18;BYMINUTE=30'],
    ['todos los días 15 a las 18:00', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['todos os dias às 19h (every day)', null],
    ['todo dia 15 de março às 19h (once a year)', null],
    ['every day 15 people come at 18:00 (English names no day this way)', null],
    ['elke 15e van de maand om 19.00', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=19;BYMINUTE=0'],
    ['15 dnia każdego miesiąca o 18:00', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['the 15th of each month at 18:00, starting 5 March', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=18;BYMINUTE=0'],
    ['every month from 5 March at 18:00 (a start date is no day of the month)', null],
    ['jeden Monat ab dem 5. März um 18 Uhr', null],
    ['chaque mois à partir du 5 mars à 18h', null],
    ['co miesiąc od 5 marca o 18:00', null],
    ['the 18:00 slot every month (a time is no day)', null],
    ['we expect about 15 people and meet every month at 18:00 (a number far from the month word)', null],
    ['every Tuesday at 7pm (weekly)', null],
    ['first Friday (no time)', null],
    ['once a month (no day)', null],
  ];
  for (const [text, rrule] of rows) {
    it(`${JSON.stringify(text)} → ${rrule ?? 'not a monthly rule'}`, () => {
      const r = readSchedule(text, rules.schedule);
      expect(r.kind === 'monthly' ? r.schedule.rrule : null).to.equal(rrule);
    });
  }
  const statuses: Array<[string, string, string]> = [
    ['unambiguous', 'Monthly: first Friday of each month at 18:00', 'met'],
    ['"every second Tuesday" reads two ways', 'Monthly: every second Tuesday at 7 pm', 'warning'],
    ['a fifth weekday some months lack', 'Monthly: fifth Friday of the month at 18:00', 'warning'],
    ['weekly', 'Monthly: every Tuesday at 19:00', 'missing'],
    ['no time', 'Monthly: first Friday of each month', 'missing'],
    ['a day of the month', 'Monthly: the 15th of each month at 18:00', 'met'],
    ['a day some months lack', 'Monthly: the 31st of each month at 18:00', 'warning'],
    ['a day of the month without a time', 'Monthly: the 15th of each month', 'missing'],
    ['no day at all', 'Monthly: once a month at 18:00', 'missing'],
  ];
  for (const [what, line, status] of statuses) {
    it(`${what} → ${status}`, () => expect(field([[jana, line]], 'schedule').status).to.equal(status));
  }
  it('says a day after the 28th is missing in some months, and lists only months that have it', () => {
    const s = field([[jana, 'Monthly: the 31st of each month at 18:00']], 'schedule');
    expect(s.reason).to.deep.equal({
      code: 'monthly',
      day: { monthDay: 31 },
      hour: 18,
      minute: 0,
      warning: 'some_months',
    });
    expect(s.value!.next).to.deep.equal(['2026-12-31T18:00', '2027-01-31T18:00', '2027-03-31T18:00']);
    expect(s.value!.rrule).to.equal('FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=18;BYMINUTE=0');
  });

  it('lists the next three dates from today when there is no launch date', () => {
    expect(field([[jana, 'Monthly: last Thursday of the month 18:30']], 'schedule').value!.next).to.deep.equal([
      '2026-11-26T18:30',
      '2026-12-31T18:30',
      '2027-01-28T18:30',
    ]);
  });
});
