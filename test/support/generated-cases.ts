/**
 * Test cases built from each language file's own lists: every label of every field, every
 * ordinal with every weekday. The tests read each one; npm run check:blind counts them as
 * text the lists were made for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageFileSchema, type LanguageFile } from '../../src/config/language-file.js';

export function languageFiles(dir = 'config/languages'): LanguageFile[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => languageFileSchema.parse(JSON.parse(readFileSync(join(dir, n), 'utf8'))));
}

export interface LabelCase {
  language: string;
  /** The label's kind in the file: a field, "place" or "when". */
  kind: string;
  label: string;
  /** The post: the label's line, with another labelled line where the kind needs one. */
  line: string;
  /** The field the line's value must land in. */
  field: string;
  value: string;
}

const INTL_TAG: Record<string, string> = { en: 'en-GB' };

/**
 * "<Label>: <value>" for every label of every kind in every language, in three spellings. A
 * place label is read alone (the region) and beside the language's first region label (the
 * venue); a when label with a date written as the language writes it (the launch) and with an
 * ordinal and a weekday of the language (the schedule).
 */
export function labelCases(files = languageFiles()): LabelCase[] {
  const out: LabelCase[] = [];
  for (const f of files) {
    const regionLabel = f.template?.labels?.region?.[0];
    const date = new Intl.DateTimeFormat(INTL_TAG[f.language] ?? f.language, {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date('2027-03-05T00:00:00Z'));
    const ordinal = f.schedule?.ordinals?.['1']?.[0];
    const weekday = f.schedule?.weekdays?.FR?.[0];
    const monthly = `${ordinal} ${weekday} ${f.schedule?.monthWords?.[0] ?? ''} 19:00`;
    for (const [kind, labels] of Object.entries(f.template?.labels ?? {}))
      for (const label of labels ?? []) {
        const cap = label.charAt(0).toUpperCase() + label.slice(1);
        const spellings = (value: string) => [
          `${cap}: ${value}`,
          `**${label}:** ${value}`,
          `- ${label.toUpperCase()} : ${value}`,
        ];
        const add = (field: string, value: string, before = '') =>
          spellings(value).forEach((line) =>
            out.push({ language: f.language, kind, label, line: `${before}${line}`, field, value }),
          );
        if (kind === 'place') {
          add('region', 'x1');
          if (regionLabel) add('venue', 'x1', `${regionLabel}: x2\n`);
        } else if (kind === 'when') {
          add('launch', date);
          if (ordinal && weekday) add('schedule', monthly);
        } else add(kind, 'x1');
      }
  }
  return out;
}

export interface ScheduleCase {
  language: string;
  text: string;
  ordinal: number;
  weekday: string;
}

/** Every ordinal before every weekday of one language, with a time: "first Friday 19:00". */
export function scheduleCases(files = languageFiles()): ScheduleCase[] {
  const out: ScheduleCase[] = [];
  for (const f of files) {
    const ordinals = Object.entries(f.schedule?.ordinals ?? {});
    const weekdays = Object.entries(f.schedule?.weekdays ?? {});
    const month = f.schedule?.monthWords?.[0] ?? '';
    for (const [n, ordinalWords] of ordinals)
      for (const [day, dayWords] of weekdays)
        for (const o of ordinalWords ?? [])
          for (const d of dayWords ?? [])
            out.push({ language: f.language, text: `${o} ${d} ${month} 19:00`, ordinal: Number(n), weekday: day });
  }
  return out;
}
