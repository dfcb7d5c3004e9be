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
  field: string;
  label: string;
  line: string;
}

/** "<Label>: <value>" for every label of every field in every language, in three spellings. */
export function labelCases(files = languageFiles()): LabelCase[] {
  const out: LabelCase[] = [];
  for (const f of files)
    for (const [field, labels] of Object.entries(f.template?.labels ?? {}))
      for (const label of labels ?? []) {
        const cap = label.charAt(0).toUpperCase() + label.slice(1);
        for (const line of [`${cap}: x1`, `**${label}:** x1`, `- ${label.toUpperCase()} : x1`])
          out.push({ language: f.language, field, label, line });
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
