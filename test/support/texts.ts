import { generatedData } from '../../src/config/generated.js';
import { catalogOf } from '../../src/config/locales.js';
import { loadRulesConfig, type RulesConfig } from '../../src/config/rules-config.js';
import { compileRules, evaluateChecklist, type ForumFacts } from '../../src/rules/checklist.js';
import type { Proposal, ProposalState } from '../../src/rules/proposal.js';
import type { Catalog } from '../../src/config/locales.js';
import type { TextContext } from '../../src/texts/context.js';
import {
  announcement,
  approvalFollowup,
  approvalPrompt,
  categoryDescription,
  nonApproverAnswer,
  openedConfirmation,
  promptTitle,
} from '../../src/texts/messages.js';
import { renderStatusPost } from '../../src/texts/status-post.js';
import { reminderText } from '../../src/texts/reminder.js';
import {
  checkinAnswered,
  checkinDeclined,
  checkinText,
  checkinTitle,
  closedText,
  closedTitle,
} from '../../src/texts/checkin.js';
import { overviewText, overviewTitle } from '../../src/texts/overview.js';
import { digestText, digestTitle } from '../../src/texts/digest.js';
import { newMeetup, type Meetup } from '../../src/rules/meetup.js';
import { digestItems } from '../../src/rules/programme.js';
import { jana, lukas, marta, thread, type Person } from './views.js';

export const rules: RulesConfig = loadRulesConfig('config/default.json');
export const catalog = catalogOf(rules);
export const compiled = compileRules(rules, 'system', generatedData());

/** The fixed moment every golden text is rendered at: the launch is 25 days ahead, and a DST change lies between the next dates. */
export const NOW = new Date('2027-02-08T10:00:00Z');
export const FORUM = 'https://forum.mautic.org';
export const CATEGORY = { id: 92, name: 'Mautic Meetup Berlin', url: `${FORUM}/c/mautic-meetups/berlin/92` };
export const CALENDAR_URL = 'https://companion.example.org/meetups/92.ics';

const facts: ForumFacts = {
  now: NOW,
  forumUrl: FORUM,
  meetups: [],
  countries: ['Germany'],
  otherProposals: [],
  profiles: {},
};

export const COMPLETE: Array<[Person, string]> = [
  [
    jana,
    [
      'Hallo zusammen! Wir möchten in Berlin ein regelmäßiges Mautic-Treffen starten und freuen uns auf euch.',
      '',
      'Region: Berlin',
      'Organisers: @jana.schmidt @lukas_b',
      'Venue: Acme GmbH Büro, Torstraße 1 (office)',
      'Launch: 5. März 2027',
      'Monthly: erster Freitag im Monat um 18 Uhr',
    ].join('\n'),
  ],
  [lukas, 'Bin dabei und organisiere gerne mit!'],
  [marta, 'Super Idee, ich komme auch.'],
];

export const INCOMPLETE: Array<[Person, string]> = [
  [
    jana,
    [
      'Hallo zusammen! Wir möchten in Berlin ein regelmäßiges Mautic-Treffen starten.',
      '',
      'Region: Berlin',
      'Organisers: @jana.schmidt @lukas_b',
      'Venue: Acme GmbH Büro, Torstraße 1 (to be confirmed)',
      'Monthly: jeden Freitag um 18 Uhr',
    ].join('\n'),
  ],
];

/** A gathering thread with two criteria open: the venue is not confirmed, and no launch date is given. */
export const QUIET: Array<[Person, string]> = [
  [
    jana,
    [
      'Hallo zusammen! Wir möchten in Berlin ein regelmäßiges Mautic-Treffen starten und freuen uns auf euch.',
      '',
      'Region: Berlin',
      'Organisers: @jana.schmidt @lukas_b',
      'Venue: Acme GmbH Büro, Torstraße 1 (to be confirmed)',
      'Monthly: erster Freitag im Monat um 18 Uhr',
    ].join('\n'),
  ],
  [lukas, 'Bin dabei und organisiere gerne mit!'],
  [marta, 'Super Idee, ich komme auch.'],
];

/** The last post of the quiet proposal: a reminder is due (30 days), it is not stalled yet (90 days). */
export const QUIET_SINCE = '2026-12-30T15:45:00Z';
/** The last post of a stalled proposal, more than 90 days before NOW. */
export const STALLED_SINCE = '2026-11-02T17:30:00Z';

/** A proposal as the service stores it, from a thread and a state. */
export function proposalOf(
  replies: Array<[Person, string]>,
  state: ProposalState,
  over: Partial<Proposal> = {},
  forumFacts: Partial<ForumFacts> = {},
): Proposal {
  const view = thread('Mautic Meetup in Berlin?', replies);
  const e = evaluateChecklist(view, compiled, { ...facts, ...forumFacts });
  return {
    topicId: view.topicId,
    title: view.title,
    url: `${FORUM}/t/${view.slug}/${view.topicId}`,
    state,
    interested: e.interested.map((p) => p.username),
    checklist: e.checklist,
    statusPostId: 141300,
    approval:
      state === 'rejected'
        ? { decision: 'rejected', by: 'mod_kai', at: NOW.toISOString(), reason: 'Please find a venue first.' }
        : state === 'approved' || state === 'opened'
          ? { decision: 'approved', by: 'mod_kai', at: NOW.toISOString(), reason: null }
          : null,
    category: state === 'opened' ? { id: CATEGORY.id, slug: 'berlin', url: CATEGORY.url } : null,
    updatedAt: NOW.toISOString(),
    online: e.online,
    ...over,
  };
}

export function contextFor(language: string, over: Partial<TextContext> = {}, cat: Catalog = catalog): TextContext {
  return {
    catalog: cat,
    rules: { ...rules, texts: { ...rules.texts, defaultLanguage: language } },
    language,
    timeZone: 'Europe/Berlin',
    now: NOW,
    calendarUrl: CALENDAR_URL,
    ...over,
  };
}

/** The Berlin meetup its proposal opened, with its two organisers; quiet since October. */
export function berlinMeetup(language: string): Meetup {
  const schedule = proposalOf(COMPLETE, 'opened').checklist!.schedule;
  return {
    ...newMeetup(CATEGORY, new Date('2026-06-12T09:00:00Z'), {
      region: 'Berlin',
      organisers: ['jana.schmidt', 'lukas_b'],
      topicId: 27341,
      country: 'Germany',
      language,
      timeZone: 'Europe/Berlin',
      schedule,
      launchDate: '2026-07-03',
    }),
    lastActivityAt: '2026-10-22T19:05:00Z',
    activityReadAt: NOW.toISOString(),
    state: 'quiet',
  };
}

/** A meetup older than the service: its country and organisers are not known. */
export function wienMeetup(over: Partial<Meetup> = {}): Meetup {
  return {
    ...newMeetup(
      { id: 57, name: 'Mautic Meetup Wien', url: `${FORUM}/c/mautic-meetups/wien/57` },
      new Date('2026-06-12T09:00:00Z'),
      null,
    ),
    lastActivityAt: '2026-09-17T18:40:00Z',
    activityReadAt: NOW.toISOString(),
    ...over,
  };
}

/** Every text the golden files hold, by file name, rendered in one language. */
export function goldenTexts(language: string, cat: Catalog = catalog): Record<string, string> {
  const ctx = contextFor(language, {}, cat);
  const complete = (state: ProposalState) => proposalOf(COMPLETE, state);
  const status = (p: Proposal) => renderStatusPost({ ...p, meetupCategory: p.category ? CATEGORY : null }, ctx);
  const quiet = proposalOf(QUIET, 'gathering', { lastActivityAt: QUIET_SINCE, author: jana.username });
  const stalled = { ...quiet, state: 'stalled' as const, lastActivityAt: STALLED_SINCE };
  // Stored before the service kept a thread's author, and naming no organisers: the reminder names nobody.
  const unnamed = proposalOf([[jana, 'Mautic in Berlin, wer ist dabei?\n\nRegion: Berlin']], 'gathering', {
    lastActivityAt: QUIET_SINCE,
    author: null,
  });
  const berlin = berlinMeetup(language);
  const paused: Meetup = { ...berlin, state: 'paused', pausedUntil: '2027-08-07T10:00:00.000Z' };
  const munich = {
    topicId: 28115,
    title: 'Mautic Meetup in München?',
    url: `${FORUM}/t/mautic-meetup-in-munchen/28115`,
  };
  const hamburg = {
    topicId: 27902,
    title: 'Mautic-Stammtisch Hamburg',
    url: `${FORUM}/t/mautic-stammtisch-hamburg/27902`,
  };
  const overviewMeetups: Meetup[] = [
    { ...berlin, state: 'active', lastActivityAt: '2027-02-05T19:30:00Z' },
    wienMeetup({ state: 'quiet' }),
  ];
  const leipzig = {
    topicId: 28342,
    title: 'Mautic Meetup Leipzig',
    url: `${FORUM}/t/mautic-meetup-leipzig/28342`,
  };
  const awaiting: Proposal = { ...complete('awaiting_approval'), ...leipzig, awaitingSince: '2027-01-25T08:30:00Z' };
  const overviewProposals: Proposal[] = [{ ...quiet, ...munich }, awaiting, { ...stalled, ...hamburg }];
  const items = digestItems(
    [awaiting, { ...stalled, ...hamburg }],
    [
      { ...berlin, state: 'dormant', lastActivityAt: '2026-07-24T17:10:00Z' },
      wienMeetup({ state: 'dormant', lastActivityAt: null }),
      {
        ...berlin,
        categoryId: 64,
        name: 'Mautic Meetup Köln',
        url: `${FORUM}/c/mautic-meetups/koln/64`,
        region: 'Köln',
        state: 'closed',
        closed: { by: 'mwerner', at: '2027-02-03T12:15:00Z' },
      },
    ],
    NOW,
    rules.lifecycle,
  );
  // A programme too long for a forum that takes 3,000 characters a post: details go, then the last items.
  const cut = contextFor(
    language,
    { rules: { ...ctx.rules, forum: { ...ctx.rules.forum, maxPostLength: 3000 } } },
    cat,
  );
  const manyMeetups = Array.from({ length: 30 }, (_, i) =>
    wienMeetup({
      categoryId: 100 + i,
      name: `Mautic Meetup Ort ${i + 1}`,
      url: `${FORUM}/c/mautic-meetups/ort-${i + 1}/${100 + i}`,
      state: i % 7 === 3 ? 'quiet' : 'active',
    }),
  );
  const manyProposals = Array.from({ length: 30 }, (_, i) => ({
    ...quiet,
    topicId: 29000 + i,
    title: `Mautic Meetup Vorschlag ${i + 1}`,
    url: `${FORUM}/t/mautic-meetup-vorschlag-${i + 1}/${29000 + i}`,
  }));
  const manyItems = digestItems(
    manyProposals.map((p) => ({ ...p, state: 'stalled' as const, lastActivityAt: STALLED_SINCE })),
    [],
    NOW,
    rules.lifecycle,
  );
  return {
    'status-gathering': status(proposalOf(INCOMPLETE, 'gathering')),
    'status-gathering-unsure': status({ ...proposalOf(INCOMPLETE, 'gathering'), unsure: ['sofia_r', 'mwerner'] }),
    'status-awaiting-approval': status(complete('awaiting_approval')),
    'status-approved': status(complete('approved')),
    'status-rejected': status(complete('rejected')),
    'status-withdrawn': status(complete('withdrawn')),
    'status-opened': status(complete('opened')),
    'approval-prompt': `${promptTitle(complete('awaiting_approval'), 1, ctx)}\n\n${approvalPrompt(complete('awaiting_approval'), 1, ctx)}`,
    'approval-followup': approvalFollowup(proposalOf(INCOMPLETE, 'gathering'), 1, ctx),
    'approval-followup-withdrawn': approvalFollowup(complete('withdrawn'), 1, ctx),
    announcement: announcement(complete('opened'), CATEGORY, ctx),
    'category-about': categoryDescription(complete('opened'), ctx),
    confirmation: openedConfirmation(complete('opened'), CATEGORY, ctx),
    'non-approver-answer': nonApproverAnswer('answer:27341:sofia_r', 'sofia_r', 'awaiting_approval', ctx, 'thread'),
    reminder: reminderText(quiet, 1, ctx),
    'reminder-unnamed': reminderText(unnamed, 1, ctx),
    'status-stalled': status(stalled),
    checkin: `${checkinTitle(berlin, ctx)}\n\n${checkinText(berlin, 1, ctx)}`,
    'checkin-moderators': checkinText({ ...berlin, organisers: null }, 1, ctx),
    'checkin-answered-yes': checkinAnswered('checkin-answer:92:141377', berlin, 'yes', 'jana.schmidt', ctx),
    'checkin-answered-pause': checkinAnswered('checkin-answer:92:141377', paused, 'pause', 'alice', ctx),
    'checkin-answered-close': checkinAnswered('checkin-answer:92:141377', berlin, 'close', 'lukas_b', ctx),
    'checkin-declined': checkinDeclined('checkin-decline:92:sofia_r', berlin, 'sofia_r', ctx),
    closed: `${closedTitle(berlin, ctx)}\n\n${closedText('checkin-closed:92:1', berlin, 'lukas_b', ctx)}`,
    overview: `${overviewTitle(ctx)}\n\n${overviewText(overviewMeetups, overviewProposals, ctx)}`,
    'overview-empty': overviewText([], [], ctx),
    digest: `${digestTitle(items, ctx)}\n\n${digestText(1, items, ctx)}`,
    'overview-cut': overviewText([...overviewMeetups, ...manyMeetups], [...overviewProposals, ...manyProposals], cut),
    'digest-cut': digestText(2, manyItems, cut),
  };
}

/** A catalog that notes every message key read from it, to find messages no text uses. */
export function recordingCatalog(): { catalog: Catalog; used: Set<string> } {
  const used = new Set<string>();
  const messages = new Map(
    [...catalog.messages].map(([language, m]) => [
      language,
      new Proxy(m, {
        get(target, key) {
          if (typeof key === 'string' && key in target) used.add(key);
          return Reflect.get(target, key);
        },
      }),
    ]),
  );
  return { catalog: { base: catalog.base, messages }, used };
}
