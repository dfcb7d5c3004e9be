import { CRITERIA } from '../rules/checklist.js';

/**
 * Names the code uses that no reader should meet: criterion keys that are no words,
 * lifecycle states, effect kinds, reason codes and venue kinds. Plain words among them
 * ("region", "opened") are left out: a text may say them.
 */
const INTERNAL_NAMES = new Set([
  ...CRITERIA.filter((k) => /[A-Z_]/.test(k)),
  'awaiting_approval',
  'write_status_post',
  'send_approval_prompt',
  'send_approval_followup',
  'create_category',
  'announce_category',
  'confirm_to_approvers',
  'answer_non_approver',
  'community_space',
  'more_needed',
  'online_twin',
  'other_proposal',
  'none_named',
  'too_few',
  'same_company',
  'unknown_kind',
  'no_day',
  'no_time',
  'some_months',
  'off_launch',
]);

const RRULE = /\b(?:RRULE|FREQ|BYDAY|BYMONTHDAY|BYHOUR|BYMINUTE|BYSETPOS|DTSTART|TZID)\b|=MONTHLY\b/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?/g;
const IDENTIFIER = /\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/g;

/**
 * The machine values a text shows its readers: recurrence-rule syntax, ISO dates and
 * timestamps, and internal names. Hidden markers and link targets are not read by people;
 * code spans and mentions hold names people chose (lukas_b), where only the first two are
 * looked for. The calendar plugin's [event] markup is drawn by the plugin as a date.
 */
export function machineValues(text: string): string[] {
  const read = text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\[event [^\]\n]*\]/g, ' ')
    .replace(/\]\([^)\s]*\)/g, '] ')
    .replace(/https?:\/\/\S+/g, ' ');
  const found: string[] = [];
  for (const m of read.matchAll(RRULE)) found.push(m[0]);
  for (const m of read.matchAll(ISO_DATE)) found.push(m[0]);
  const prose = read
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/@[\p{L}\p{N}_.-]+/gu, ' ');
  for (const m of prose.matchAll(IDENTIFIER)) found.push(m[0]);
  for (const name of INTERNAL_NAMES) if (read.includes(name) && !found.includes(name)) found.push(name);
  return found;
}
