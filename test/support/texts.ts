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

/** Every text the golden files hold, by file name, rendered in one language. */
export function goldenTexts(language: string, cat: Catalog = catalog): Record<string, string> {
  const ctx = contextFor(language, {}, cat);
  const complete = (state: ProposalState) => proposalOf(COMPLETE, state);
  const status = (p: Proposal) => renderStatusPost({ ...p, meetupCategory: p.category ? CATEGORY : null }, ctx);
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
