import type { RulesConfig } from '../config/rules-config.js';
import { CRITERIA } from '../rules/checklist.js';
import type { CriterionStatus } from '../rules/criterion.js';
import { meetupsJson, type MeetupJson } from '../texts/meetup-json.js';
import { proposalJson, type ProposalJson } from '../texts/proposal-json.js';
import type { AppStore } from '../jobs/context.js';
import { BASE_LANGUAGE } from '../config/locales.js';
import { threadWords } from '../texts/context.js';
import { nextDatesText, scheduleText } from '../texts/criteria.js';
import { calendarDay } from '../texts/dates.js';
import { textContextFor } from '../texts/text-context.js';
import type { Output } from './context.js';
import { counted } from './plural.js';

const MARK: Record<CriterionStatus, string> = { met: 'ok', warning: 'warn', missing: '-', blocked: 'BLOCK' };
const HEADINGS = ['topic', 'state', 'interest', 'region', 'organisers', 'venue', 'launch', 'schedule', 'title'];

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A criterion's value as the commands show it: the launch and the schedule in words, in the
 * meetup's zone ("first Friday of each month, 18:00 (Central European Time); next: …"), in
 * English like the rest of the output; anything else as it is.
 */
function valueOf(p: ProposalJson, criterion: (typeof CRITERIA)[number], rules: RulesConfig | null, now: Date): string {
  const c = p.checklist![criterion];
  if (rules && c.value != null && (criterion === 'schedule' || criterion === 'launchDate')) {
    const ctx = textContextFor(rules, now, { language: BASE_LANGUAGE, timeZone: p.timeZone ?? null });
    const tr = threadWords(ctx);
    const launch = p.checklist!.launchDate.value;
    if (criterion === 'launchDate' && launch) return calendarDay(launch, tr.locale);
    const schedule = p.checklist!.schedule;
    const words = scheduleText(schedule, tr, ctx);
    const next = nextDatesText(schedule, tr, ctx);
    if (words) return next ? `${words}; next: ${next}` : words;
  }
  return valueText(c.value);
}

function valueText(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return 'rrule' in value ? String(value.rrule) : JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** status [topicId] [--json]: what the service knows, read from its store. */
export async function status(
  store: AppStore,
  out: Output,
  topicId: number | null,
  asJson: boolean,
  /** For the details and the schedule in words. */
  rules: RulesConfig,
  now: Date = new Date(),
): Promise<number> {
  if (topicId !== null) {
    const stored = (await store.proposals.get(String(topicId)))?.value;
    if (!stored) {
      out.line(
        `no proposal for topic ${topicId}; if the thread is new, run backfill or POST /api/proposals/${topicId}/resync`,
      );
      return 1;
    }
    const proposal = proposalJson(stored, rules, now);
    if (asJson) out.line(JSON.stringify(proposal, null, 2));
    else for (const line of describe(proposal, rules, now)) out.line(line);
    return 0;
  }
  const proposals = (await store.proposals.list())
    .map((p) => proposalJson(p.value, rules, now))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.topicId - a.topicId);
  const meetups = meetupsJson(
    (await store.meetups.list()).map((m) => m.value),
    now,
  );
  if (asJson) {
    out.line(JSON.stringify({ proposals, meetups }, null, 2));
    return 0;
  }
  if (proposals.length === 0)
    out.line('no proposals yet; run backfill after installing, or wait for the forum to send a thread');
  else proposalTable(proposals, out);
  if (meetups.length > 0) meetupTable(meetups, out);
  return 0;
}

function proposalTable(proposals: readonly ProposalJson[], out: Output): void {
  const rows = [
    HEADINGS,
    ...proposals.map((p) => [
      String(p.topicId),
      p.state,
      ...CRITERIA.map((c) => (p.checklist ? MARK[p.checklist[c].status] : '')),
      p.title.slice(0, 60),
    ]),
  ];
  for (const line of table(rows)) out.line(line);
  out.line(
    counted(
      '{count, plural, one {# proposal} other {# proposals}}; ok = met, warn = met with a warning, - = missing, BLOCK = blocked',
      { count: proposals.length },
    ),
  );
}

/** The meetups the periodic check knows: their state, last activity and check-ins. */
function meetupTable(meetups: readonly MeetupJson[], out: Output): void {
  out.line('');
  const rows = [
    ['category', 'state', 'last activity', 'check-ins', 'name'],
    ...meetups.map((m) => [
      String(m.categoryId),
      m.state === 'paused' && m.pausedUntil ? `paused until ${m.pausedUntil.slice(0, 10)}` : m.state,
      m.lastActivityAt?.slice(0, 10) ?? 'none seen',
      String(m.checkins),
      m.name.slice(0, 60),
    ]),
  ];
  for (const line of table(rows)) out.line(line);
  out.line(counted('{count, plural, one {# meetup} other {# meetups}}', { count: meetups.length }));
}

export function describe(p: ProposalJson, rules: RulesConfig, now: Date = new Date()): string[] {
  const lines = [
    `${p.title} (topic ${p.topicId})`,
    `  ${p.url}`,
    `  state: ${p.state}; interested: ${p.interested.join(', ') || 'nobody yet'}`,
  ];
  if (p.checklist) {
    for (const c of CRITERIA) {
      const item = p.checklist[c];
      const value = valueOf(p, c, rules, now);
      lines.push(
        `  ${c.padEnd(10)} ${item.status.padEnd(7)} ${value ? `${value}: ` : ''}${item.detail}${item.posts.length ? ` (posts ${item.posts.join(', ')})` : ''}`,
      );
    }
  }
  if (p.statusPostId) lines.push(`  status post: ${p.statusPostId}`);
  if (p.approval)
    lines.push(
      `  ${p.approval.decision} by ${p.approval.by} at ${p.approval.at}${p.approval.reason ? `: ${p.approval.reason}` : ''}`,
    );
  if (p.category) lines.push(`  category: ${p.category.url}`);
  if (p.pendingEffects?.length)
    lines.push(`  waiting to do on the forum: ${p.pendingEffects.map((e) => e.kind).join(', ')}`);
  return lines;
}
