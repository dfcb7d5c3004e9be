import type { Checklist } from '../rules/checklist.js';
import { TEMPLATE_FIELDS, type TemplateField } from '../rules/template.js';
import type { Translator } from './catalog.js';
import { clockTime, monthlyDayInWords, writtenDay } from './dates.js';
import { inert } from './markdown.js';

// As much of a value as a template line repeats: the rules read 300 characters of a line at most.
const MAX_SAID = 200;

// The example launch is this far ahead at least: past the guideline's four weeks.
const EXAMPLE_LEAD_DAYS = 35;

/**
 * The example's launch date: the first Friday of a month at least five weeks from now,
 * so that it fits the example's schedule ("first Friday of each month") and never lies
 * in the past.
 */
export function exampleLaunchDate(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + EXAMPLE_LEAD_DAYS));
  while (!(day.getUTCDay() === 5 && day.getUTCDate() <= 7)) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** One line of the detail template, in the thread's language: "Stadt: Köln". */
export function exampleLine(field: TemplateField, tr: Translator, now: Date): string {
  const value =
    field === 'launch'
      ? tr.t('template.example.launch', { date: writtenDay(exampleLaunchDate(now), tr.locale) })
      : tr.t(`template.example.${field}`);
  return tr.t('template.line', { label: tr.t(`template.label.${field}`), value });
}

/** The whole template, to copy into a reply. */
export function templateExample(tr: Translator, now: Date): string[] {
  return TEMPLATE_FIELDS.map((f) => exampleLine(f, tr, now));
}

/**
 * The template to copy, filled in with what the thread already says ("Stadt: Berlin", the
 * organisers named so far, the venue, the launch and the monthly day as the rules read
 * them back) and the example where it says nothing yet. Inside a code block: no backtick
 * or line break of the thread's gets through.
 */
export function templateFor(checklist: Checklist | null, tr: Translator, now: Date): string[] {
  return TEMPLATE_FIELDS.map((field) => {
    const said = checklist ? valueSaid(field, checklist, tr) : null;
    if (!said) return exampleLine(field, tr, now);
    return tr.t('template.line', { label: tr.t(`template.label.${field}`), value: said });
  });
}

function valueSaid(field: TemplateField, c: Checklist, tr: Translator): string | null {
  // A value as written, on one line, without a backtick that could close the code block.
  const text = (value: string | null | undefined) =>
    value
      ? value
          .replace(/[`\s]+/g, ' ')
          .trim()
          .slice(0, MAX_SAID) || null
      : null;
  switch (field) {
    case 'region':
      return text(c.region.value);
    case 'organisers': {
      const waiting = c.organisers.reason?.code === 'too_few' ? c.organisers.reason.waiting.map((w) => w.username) : [];
      const named = [...new Set([...(c.organisers.value ?? []), ...waiting])];
      return named.length ? text(named.map((n) => `@${n}`).join(' ')) : null;
    }
    case 'venue':
      return text(c.venue.value);
    case 'launch':
      return c.launchDate.value ? writtenDay(c.launchDate.value, tr.locale) : null;
    case 'schedule': {
      const s = c.schedule.reason?.code === 'monthly' ? c.schedule.reason : null;
      return s
        ? `${monthlyDayInWords(s.day, tr)}, ${tr.t('schedule.time', { time: clockTime(s.hour, s.minute, tr.locale) })}`
        : null;
    }
  }
}

/** A template line inside a sentence: a code span, so "@alice" in it is no mention. */
export function exampleInSentence(field: TemplateField, tr: Translator, now: Date): string {
  return inert(exampleLine(field, tr, now));
}
