import type { RulesConfig } from '../config/rules-config.js';
import { CRITERIA } from '../rules/checklist.js';
import type { ProposalState } from '../rules/lifecycle.js';
import type { Proposal } from '../rules/proposal.js';
import { words } from '../words/text.js';
import { calendarPluginEvent } from './calendar.js';
import type { Translator } from './catalog.js';
import { forumWords, languageName, threadWords, type TextContext } from './context.js';
import {
  criterionSentence,
  criterionValue,
  MARK,
  namesInWords,
  nextDatesText,
  postLinks,
  scheduleOf,
  scheduleText,
  type CriterionKey,
} from './criteria.js';
import { calendarDay } from './dates.js';
import { inert, listOf, marker, mentionable, plainText } from './markdown.js';

export { marker, mentionable } from './markdown.js';

/**
 * The texts the service writes besides the status post: the approvers' private message,
 * its follow-ups and the confirmation with the Community Portal to-do (in the forum's
 * language), the announcement and the category's About text (in the thread's), the
 * category's name and slug, and the answer to someone who may not approve. Pure: they
 * depend only on the proposal and the context.
 */

/** The key of a private message topic, for POST /posts.json external_id. */
export function promptExternalId(topicId: number, round: number): string {
  return `meetup-companion-prompt-${topicId}-${round}`;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
}

export interface CategoryPlan {
  name: string;
  slug: string;
}

/**
 * The meetup category's name and slug from the configured templates (Discourse caps names
 * at 50). The same in every language, as the forum's existing meetups are named.
 */
export function categoryPlan(p: Proposal, category: RulesConfig['category']): CategoryPlan | null {
  const region = plainText(p.checklist?.region.value ?? '', 40);
  if (!region) return null;
  const template = p.online ? category.onlineNameTemplate : category.nameTemplate;
  const name = template.replace('{region}', region).slice(0, 50).trim();
  const slug =
    slugify(category.slugTemplate.replace('{region}', p.online ? `online ${region}` : region)) || `meetup-${p.topicId}`;
  return { name, slug };
}

/** A category as a link; its name is the service's own, made from the region with plainText. */
function categoryLink(category: { name: string; url: string }): string {
  return `[${plainText(category.name, 80)}](${category.url})`;
}

function labelled(tr: Translator, label: string, value: string): string {
  return tr.t('line.labelled', { label, value });
}

/** One line per criterion, with its value in words and the posts it was read from, and why where not met. */
function criteriaLines(p: Proposal, keys: readonly CriterionKey[], tr: Translator, ctx: TextContext): string[] {
  const lines: string[] = [];
  for (const key of keys) {
    const c = p.checklist![key];
    const value = criterionValue(key, p, tr, ctx);
    // Without a value, the links stand in its place: "Venue: post 3".
    const head = `- ${MARK[c.status]} ${labelled(tr, tr.t(`criterion.${key}.label`), value).trimEnd()}${postLinks(p, c.posts, tr, value === '')}`;
    const sentence = criterionSentence(key, p, tr, ctx);
    lines.push(head);
    if (sentence) lines.push(`  ${sentence}`);
    if (key === 'schedule') {
      const next = nextDatesText(p.checklist!.schedule, tr, ctx);
      if (next) lines.push(`  ${tr.t('status.nextDates', { dates: next })}`);
    }
  }
  return lines;
}

/** The command to show: the language's own if the configured commands accept it, else the first configured one. */
function commandWord(action: 'approve' | 'reject' | 'reopen', tr: Translator, rules: RulesConfig): string {
  const accepted = rules.approval.commands[action].filter((c) => words(c).length > 0);
  const own = tr.t(`commands.${action}`);
  const ownKey = words(own).join(' ');
  return accepted.find((c) => words(c).join(' ') === ownKey) ?? accepted[0] ?? action;
}

function commandHelp(tr: Translator, rules: RulesConfig): string[] {
  const command = (action: 'approve' | 'reject' | 'reopen') => `\`${commandWord(action, tr, rules)}\``;
  return [
    tr.t('prompt.decide'),
    `- ${tr.t('prompt.approve', { command: command('approve') })}`,
    `- ${tr.t('prompt.reject', { command: command('reject') })}`,
    `- ${tr.t('prompt.reopen', { command: command('reopen') })}`,
    tr.t('prompt.who', { groups: listOf(rules.forum.approverGroups.map(inert), tr.locale) }),
  ];
}

function regionName(p: Proposal): string {
  return plainText(p.checklist?.region.value ?? '', 40);
}

/** The private message's title, in the forum's language. */
export function promptTitle(p: Proposal, round: number, ctx: TextContext): string {
  const tr = forumWords(ctx);
  return tr.t('prompt.title', {
    region: regionName(p) || tr.t('prompt.topic', { topic: p.topicId }),
    topic: p.topicId,
    round,
  });
}

function threadLanguageLine(tr: Translator, ctx: TextContext): string {
  return tr.t('prompt.language', { language: languageName(ctx.language, tr.locale) });
}

/** The approvers' private message once a proposal is ready, in the forum's language. */
export function approvalPrompt(p: Proposal, round: number, ctx: TextContext): string {
  const tr = forumWords(ctx);
  const checklist = p.checklist!;
  const warnings = CRITERIA.filter((k) => checklist[k].status === 'warning').length;
  const proposal = `[${inert(p.title) || tr.t('prompt.topic', { topic: p.topicId })}](${p.url})`;
  return [
    marker(`prompt:${p.topicId}:${round}`),
    `${tr.t('prompt.intro', { link: proposal })} ${threadLanguageLine(tr, ctx)}`,
    '',
    ...criteriaLines(p, CRITERIA, tr, ctx),
    '',
    tr.t('prompt.warnings', { count: warnings }),
    '',
    ...commandHelp(tr, ctx.rules),
  ].join('\n');
}

/** Tells the approvers a proposal they were asked about is no longer ready, and why. */
export function approvalFollowup(p: Proposal, round: number, ctx: TextContext): string {
  const tr = forumWords(ctx);
  const link = `[${tr.t('link.theProposal')}](${p.url})`;
  const open = p.checklist
    ? CRITERIA.filter((k) => p.checklist![k].status === 'missing' || p.checklist![k].status === 'blocked')
    : [];
  if (p.state === 'withdrawn')
    return [
      marker(`followup:${p.topicId}:${round}`),
      tr.t('followup.withdrawn', { link }),
      tr.t('followup.again'),
    ].join('\n');
  return [
    marker(`followup:${p.topicId}:${round}`),
    tr.t('followup.notReady', { link, count: open.length }),
    ...(open.length ? ['', ...criteriaLines(p, open, tr, ctx), ''] : []),
    tr.t('followup.again'),
  ].join('\n');
}

/** Where and when the meetup meets, for the About text and the announcement: labelled lines. */
function meetupFacts(p: Proposal, tr: Translator, ctx: TextContext, withOrganisers: boolean): string[] {
  const c = p.checklist!;
  const lines: string[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`${labelled(tr, tr.t(label), value)}  `);
  };
  if (withOrganisers) add('field.organisers', c.organisers.value?.length ? namesInWords(c.organisers.value, tr) : null);
  if (p.online) add('field.venue', tr.t('value.online'));
  else if (c.venue.value)
    lines.push(
      `${labelled(tr, tr.t('field.venueOfKind', { kind: c.venue.kind === 'office' ? 'office' : 'community' }), inert(c.venue.value))}  `,
    );
  if (c.launchDate.value) add('field.firstMeetup', calendarDay(c.launchDate.value, tr.locale));
  add('field.when', scheduleText(c.schedule, tr, ctx));
  add('field.nextDates', nextDatesText(c.schedule, tr, ctx));
  if (lines.length > 0) lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
  return lines;
}

function calendarLine(tr: Translator, ctx: TextContext): string[] {
  return ctx.calendarUrl ? ['', `[${tr.t('calendar.link')}](${ctx.calendarUrl})`] : [];
}

/**
 * The first post of the category's About topic, in the thread's language. Where config
 * turns the calendar plugin on, it carries the meetup's event instead of the calendar
 * link: the plugin takes an event only in the first post of a topic, and this is the
 * first post the service writes.
 */
export function categoryDescription(p: Proposal, ctx: TextContext, category?: { name: string }): string {
  const tr = threadWords(ctx);
  const c = p.checklist!;
  const event = category ? pluginEvent(p, category, ctx) : null;
  return [
    tr.t('about.intro', { region: inert(c.region.value ?? ''), online: p.online ? 'yes' : 'no' }),
    '',
    ...meetupFacts(p, tr, ctx, true),
    ...(event ? ['', event] : calendarLine(tr, ctx)),
    '',
    tr.t('about.proposed', { link: `[${tr.t('link.proposalThread')}](${p.url})` }),
  ].join('\n');
}

/**
 * The event markup of Discourse's calendar plugin for the meetup, when config turns it
 * on (only for forums that run the plugin with events: doctor tells) and the plugin can
 * say the schedule.
 */
function pluginEvent(p: Proposal, category: { name: string }, ctx: TextContext): string | null {
  if (!ctx.rules.texts.calendarPlugin) return null;
  const s = scheduleOf(p.checklist!.schedule);
  const first = p.checklist!.schedule.value?.next[0];
  if (!s || !first) return null;
  return calendarPluginEvent({
    name: plainText(category.name, 80),
    timeZone: ctx.timeZone,
    first,
    minutes: ctx.rules.texts.meetupMinutes,
    day: s.day,
  });
}

/** Told in the thread once the category exists, in the thread's language; mentions the organisers. */
export function announcement(p: Proposal, category: { name: string; url: string }, ctx: TextContext): string {
  const tr = threadWords(ctx);
  const organisers = (p.checklist?.organisers.value ?? []).map(mentionable).filter((m): m is string => m !== null);
  return [
    marker(`announce:${p.topicId}`),
    tr.t('announce.heading', { category: categoryLink(category) }),
    '',
    organisers.length
      ? tr.t('announce.organisers', { names: listOf(organisers, tr.locale) })
      : tr.t('announce.noOrganisers'),
    '',
    ...meetupFacts(p, tr, ctx, false),
    ...calendarLine(tr, ctx),
    '',
    tr.t('announce.everyone'),
  ].join('\n');
}

/** Sent to the approvers once the category exists, with the manual step the portal needs (docs/spec/rules.md). */
export function openedConfirmation(p: Proposal, category: { name: string; url: string }, ctx: TextContext): string {
  const tr = forumWords(ctx);
  const c = p.checklist!;
  const todo = (label: string, value: string) => `- [ ] ${labelled(tr, tr.t(label), value)}`;
  const done = [
    marker(`confirm:${p.topicId}`),
    `${tr.t('confirm.done', { category: categoryLink(category) })} ${threadLanguageLine(tr, ctx)}`,
  ];
  // A community without a portal has nothing to do by hand.
  if (!ctx.rules.community.portal) return done.join('\n');
  return [
    ...done,
    '',
    tr.t('confirm.portal'),
    `- [ ] ${tr.t('confirm.group', { name: inert(plainText(category.name, 80)) })}`,
    todo('field.organisers', namesInWords(c.organisers.value ?? [], tr)),
    todo('field.region', inert(c.region.value ?? '')),
    todo('field.when', scheduleText(c.schedule, tr, ctx) ?? ''),
    todo('field.category', category.url),
  ].join('\n');
}

/**
 * The answer to someone who wrote a command but may not decide, in the language of where
 * they wrote it (the thread's, or the forum's in the private message).
 */
export function nonApproverAnswer(
  key: string,
  username: string,
  state: ProposalState,
  ctx: TextContext,
  where: 'thread' | 'message',
): string {
  const tr = where === 'thread' ? threadWords(ctx) : forumWords(ctx);
  const groups = listOf(ctx.rules.forum.approverGroups.map(inert), tr.locale);
  const next =
    state === 'awaiting_approval' ? 'asked' : state === 'gathering' || state === 'stalled' ? 'later' : 'other';
  return [
    marker(key),
    [tr.t('answer.thanks', { name: inert(username), groups }), tr.t('answer.next', { next })].join(' ').trim(),
  ].join('\n');
}
