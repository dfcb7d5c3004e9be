import { z } from 'zod';
import { words } from '../rules/text.js';

/**
 * One language's words and grammar: config/languages/<code>.json. A community adds a
 * language by adding such a file, and a word by adding it to the file's list.
 */
const list = z.array(z.string().min(1).max(80));

// Lists read word by word: an entry of two words would put each in the list alone
// ("a lo mejor" made "a" a hedge, and every clause with "a" conditional).
export const oneWordList = z.array(
  z
    .string()
    .min(1)
    .max(80)
    .refine((entry) => words(entry).length === 1, {
      error: (issue) =>
        `"${String(issue.input)}" must be one word (a space, a hyphen or a dot splits words): this list is read word by word`,
    }),
);

const ordinalKey = z.enum(['1', '2', '3', '4', '5', '-1']);
const weekdayKey = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);

export const languageFileSchema = z
  .object({
    language: z.string().min(2).max(8),
    proposal: z.object({ keywords: list }).partial().strict().optional(),
    interest: z
      .object({
        phrases: list,
        withdrawals: list,
        negators: oneWordList,
        negatorsAfter: oneWordList,
        contrast: oneWordList,
        hypothetical: list,
        speakers: oneWordList,
        others: oneWordList,
        attending: list,
        notAttending: list,
        infinitives: list,
      })
      .partial()
      .strict()
      .optional(),
    template: z
      .object({
        labels: z
          .object({
            region: list,
            organisers: list,
            venue: list,
            launch: list,
            schedule: list,
          })
          .partial()
          .strict(),
      })
      .partial()
      .strict()
      .optional(),
    region: z.object({ templateWords: list, online: list }).partial().strict().optional(),
    organisers: z.object({ selfWords: list }).partial().strict().optional(),
    venue: z
      .object({ office: list, community: list, bar: list, unconfirmed: list, cues: list })
      .partial()
      .strict()
      .optional(),
    schedule: z
      .object({
        ordinals: z.partialRecord(ordinalKey, list),
        weekdays: z.partialRecord(weekdayKey, list),
        monthWords: list,
        everyWords: list,
        dayWords: list,
        pmWords: list,
        amWords: list,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type LanguageFile = z.infer<typeof languageFileSchema>;

type Json = Record<string, unknown>;

/** Lists kept per language in the rules configuration: matching merges them, checks can tell them apart. */
const PER_LANGUAGE: Array<[section: string, key: string]> = [
  ['proposal', 'keywords'],
  ...['phrases', 'withdrawals', 'negators', 'negatorsAfter', 'contrast', 'hypothetical', 'speakers', 'others']
    .concat(['attending', 'notAttending', 'infinitives'])
    .map((k): [string, string] => ['interest', k]),
  ...['office', 'community', 'bar', 'unconfirmed', 'cues'].map((k): [string, string] => ['venue', k]),
];

/** Lists the rules read as one: every language's entries one after another. */
const JOINED: string[][] = [
  ...['region', 'organisers', 'venue', 'launch', 'schedule'].map((f) => ['template', 'labels', f]),
  ['region', 'templateWords'],
  ['region', 'online'],
  ['organisers', 'selfWords'],
  ...['monthWords', 'everyWords', 'dayWords', 'pmWords', 'amWords'].map((k) => ['schedule', k]),
];

const KEYED_JOINED: Array<[section: string, key: string]> = [
  ['schedule', 'ordinals'],
  ['schedule', 'weekdays'],
];

function at(root: Json, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const k of path) node = node && typeof node === 'object' ? (node as Json)[k] : undefined;
  return node;
}

function ensure(root: Json, path: readonly string[]): Json {
  let node = root;
  for (const k of path) node = (node[k] ??= {}) as Json;
  return node;
}

/** The language files as a partial rules configuration, in the shape rulesConfigSchema reads. */
export function languagesAsConfig(files: readonly LanguageFile[]): Json {
  const out: Json = {};
  for (const file of files) {
    const data = file as unknown as Json;
    for (const [section, key] of PER_LANGUAGE) {
      const value = at(data, [section, key]);
      if (value !== undefined) ensure(out, [section, key])[file.language] = value;
    }
    for (const path of JOINED) {
      const value = at(data, path) as string[] | undefined;
      if (value === undefined) continue;
      const parent = ensure(out, path.slice(0, -1));
      const last = path.at(-1)!;
      parent[last] = [...((parent[last] as string[] | undefined) ?? []), ...value];
    }
    for (const [section, key] of KEYED_JOINED) {
      const value = at(data, [section, key]) as Record<string, string[]> | undefined;
      if (value === undefined) continue;
      const target = ensure(out, [section, key]) as Record<string, string[]>;
      for (const [k, v] of Object.entries(value)) target[k] = [...(target[k] ?? []), ...v];
    }
  }
  return out;
}
