import { TEMPLATE_FIELDS, type TemplateField } from '../rules/template.js';
import type { Translator } from './catalog.js';
import { writtenDay } from './dates.js';
import { inert } from './markdown.js';

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

/** A template line inside a sentence: a code span, so "@alice" in it is no mention. */
export function exampleInSentence(field: TemplateField, tr: Translator, now: Date): string {
  return inert(exampleLine(field, tr, now));
}
