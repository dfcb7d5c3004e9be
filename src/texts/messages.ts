import type { RulesConfig } from '../config/rules-config.js';
import { CRITERIA, type Checklist, type CriterionStatus } from '../rules/checklist.js';
import type { Proposal } from '../rules/proposal.js';
import { inert } from './status-post.js';

/**
 * The texts the service writes besides the status post: the approvers' private message
 * and its follow-ups, the announcement, the category's name, slug and description, and
 * the answer to someone who may not approve. Pure: they depend only on the proposal.
 * Anything people wrote goes through inert(); the only live mentions are of organisers
 * who posted in the thread themselves (see `mentionable`).
 */

/** Hidden markers let the service find what it wrote before writing it again. */
export function marker(key: string): string {
  return `<!-- meetup-companion:${key.replace(/[^a-z0-9:_-]/gi, '')} -->`;
}

/** The key of a private message topic, for POST /posts.json external_id. */
export function promptExternalId(topicId: number, round: number): string {
  return `meetup-companion-prompt-${topicId}-${round}`;
}

const MARK: Record<CriterionStatus, string> = {
  met: 'met',
  warning: 'met, with a warning',
  missing: 'missing',
  blocked: 'blocked',
};

/** Forum usernames are letters, digits, _ . -; anything else is not a username and gets no mention. */
export function mentionable(username: string): string | null {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_.-]{0,59}$/u.test(username) ? `@${username}` : null;
}

/** A place name reduced to what a category name or slug may hold. */
function plainText(text: string, max: number): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} '().-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
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

/** The meetup category's name and slug from the configured templates (Discourse caps names at 50). */
export function categoryPlan(p: Proposal, category: RulesConfig['category']): CategoryPlan | null {
  const region = plainText(p.checklist?.region.value ?? '', 40);
  if (!region) return null;
  const template = p.online ? category.onlineNameTemplate : category.nameTemplate;
  const name = template.replace('{region}', region).slice(0, 50).trim();
  const slug =
    slugify(category.slugTemplate.replace('{region}', p.online ? `online ${region}` : region)) || `meetup-${p.topicId}`;
  return { name, slug };
}

function postLink(p: Proposal, postNumber: number): string {
  return `${p.url}/${postNumber}`;
}

function checklistLines(p: Proposal, checklist: Checklist): string[] {
  const lines: string[] = [];
  for (const key of CRITERIA) {
    const c = checklist[key];
    const value =
      typeof c.value === 'string'
        ? ` ${inert(c.value)}`
        : Array.isArray(c.value)
          ? ` ${c.value.map(inert).join(', ')}`
          : '';
    const where = c.posts.length
      ? ` (${c.posts
          .slice(0, 5)
          .map((n) => `[post ${n}](${postLink(p, n)})`)
          .join(', ')})`
      : '';
    lines.push(`- **${key}**: ${MARK[c.status]}${value}${where}`);
    if (c.status !== 'met') lines.push(`  ${c.detail.replace(/@/g, '@\u200b')}`);
  }
  return lines;
}

function commandHelp(commands: RulesConfig['approval']['commands']): string[] {
  return [
    'Answer in this message or in the thread, starting your reply with one of:',
    `- \`${commands.approve[0]}\`: the meetup becomes official and gets its category`,
    `- \`${commands.reject[0]} <reason>\`: the proposal is declined; the reason is shown in the thread`,
    `- \`${commands.reopen[0]}\`: a declined proposal is looked at again`,
    'Only members of the approver groups and staff can decide.',
  ];
}

export function promptTitle(p: Proposal, round: number): string {
  const region = plainText(p.checklist?.region.value ?? '', 40) || `topic ${p.topicId}`;
  return `Meetup proposal ready for approval: ${region} (#${p.topicId}${round > 1 ? `, round ${round}` : ''})`;
}

export function approvalPrompt(p: Proposal, round: number, rules: RulesConfig): string {
  const checklist = p.checklist!;
  const warnings = CRITERIA.filter((k) => checklist[k].status === 'warning');
  return [
    marker(`prompt:${p.topicId}:${round}`),
    `The meetup proposal [${inert(p.title) || `topic ${p.topicId}`}](${p.url}) meets every criterion of the guideline.`,
    '',
    ...checklistLines(p, checklist),
    '',
    warnings.length ? `**Warnings** (they do not block approval): ${warnings.join(', ')}.` : 'No warnings.',
    `People interested: ${p.interested.length}.`,
    '',
    ...commandHelp(rules.approval.commands),
  ].join('\n');
}

export function approvalFollowup(p: Proposal, round: number): string {
  const open = p.checklist
    ? CRITERIA.filter((k) => p.checklist![k].status === 'missing' || p.checklist![k].status === 'blocked')
    : [];
  return [
    marker(`followup:${p.topicId}:${round}`),
    p.state === 'withdrawn'
      ? `Update: [the proposal](${p.url}) was closed, archived, unlisted, deleted or moved out of the meetup categories, so there is nothing to approve for now.`
      : `Update: [the proposal](${p.url}) is no longer ready${open.length ? ` (${open.join(', ')} changed)` : ''}, so there is nothing to approve for now.`,
    'You will get a new message when it is ready again.',
  ].join('\n');
}

export function categoryDescription(p: Proposal): string {
  const c = p.checklist!;
  const organisers = (c.organisers.value ?? []).map((u) => inert(u)).join(' and ');
  const schedule = c.schedule.value ? inert(c.schedule.value.rrule) : '';
  return [
    `The official Mautic meetup for ${inert(c.region.value ?? '')}${p.online ? ' (online)' : ''}.`,
    '',
    `Organisers: ${organisers}. Venue: ${p.online ? 'online' : (c.venue.kind ?? 'unknown').replace('_', ' ')}. Launch: ${inert(c.launchDate.value ?? '')}. Monthly: ${schedule}${c.schedule.value?.next.length ? ` (next: ${c.schedule.value.next.slice(0, 3).map(inert).join(', ')})` : ''}.`,
    '',
    `Proposed in ${p.url}.`,
  ].join('\n');
}

export function announcement(p: Proposal, category: { name: string; url: string }): string {
  const organisers = (p.checklist?.organisers.value ?? []).map(mentionable).filter((m): m is string => m !== null);
  return [
    marker(`announce:${p.topicId}`),
    `This meetup is now official: [${inert(category.name)}](${category.url}).`,
    '',
    organisers.length
      ? `${organisers.join(' ')}: as organisers you can post the meetup's events in its category. Thank you, and have a great launch!`
      : 'The organisers can post the meetup’s events in its category. Have a great launch!',
  ].join('\n');
}

/** Sent to the approvers once the category exists, with the manual step the portal needs (rules.md). */
export function openedConfirmation(p: Proposal, category: { name: string; url: string }): string {
  const c = p.checklist!;
  return [
    marker(`confirm:${p.topicId}`),
    `Done: [${inert(category.name)}](${category.url}) exists and the thread has been told.`,
    '',
    'To do by hand on the Mautic Community Portal (it has no API for this):',
    `- [ ] Create the group ${inert(category.name)}`,
    `- [ ] Organisers: ${(c.organisers.value ?? []).map(inert).join(', ')}`,
    `- [ ] Region: ${inert(c.region.value ?? '')}`,
    `- [ ] Schedule: ${c.schedule.value ? inert(c.schedule.value.rrule) : ''}`,
    `- [ ] Link to the category: ${category.url}`,
  ].join('\n');
}

export function nonApproverAnswer(key: string, username: string, rules: RulesConfig): string {
  return [
    marker(key),
    `Thanks, ${inert(username)}! Approving or declining a meetup is up to the moderators (${rules.forum.approverGroups.map((g) => inert(g)).join(', ')}), so this reply does not change the proposal. They have been asked and will decide.`,
  ].join('\n');
}
