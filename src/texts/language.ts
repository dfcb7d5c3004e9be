import { detectAll } from 'tinyld/light';
import type { RulesConfig } from '../config/rules-config.js';
import type { ThreadView } from '../rules/snapshot.js';
import type { LabelIndex } from '../rules/template.js';
import { ownWords, words } from '../words/text.js';
import { categorySetting } from './time-zone.js';

export interface ResolvedLanguage {
  language: string;
  /** config: set for the country category; detected: read from the proposer's posts; default: the forum's. */
  source: 'config' | 'detected' | 'default';
}

// The detector reads this much at most: enough to tell a language, and a bound on hostile input.
const MAX_TEXT = 3000;
// Below this many letters no detector is right often enough to overrule the forum's language.
const MIN_LETTERS = 12;

// In a text shorter than this many letters, the likeliest language must lead the next one
// by this much for the answer to be trusted; a longer text is told by its likeliest.
const SHORT_LETTERS = 40;
const LEAD = 1.5;

/**
 * The language of a text among `languages`, or null when the text is too short or the
 * detector is unsure. tinyld's light model, restricted to the languages the service
 * writes (a language it cannot write is of no use), is as right as the larger detectors
 * on an opening post, which is all it reads here, in a fraction of their memory
 * (bench/language.ts compares it with eld and franc-min).
 */
export function detectLanguage(text: string, languages: readonly string[]): string | null {
  const sample = text.slice(0, MAX_TEXT);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters < MIN_LETTERS) return null;
  const [first, second] = detectAll(sample, { only: [...languages] });
  if (!first || !languages.includes(first.lang)) return null;
  const sure = letters >= SHORT_LETTERS || !second || first.accuracy >= LEAD * second.accuracy;
  return sure ? first.lang : null;
}

/**
 * What the proposer wrote in their own words: the first post and their replies, without
 * quotes, code, template lines (labels are often copied in English), mentions and links.
 */
export function proposerText(view: ThreadView, labels: LabelIndex): string {
  const authorId = view.author?.id ?? view.posts.find((p) => p.number === 1)?.userId;
  const parts: string[] = [];
  let length = 0;
  for (const post of view.posts) {
    if (post.deleted || post.own || post.userId !== authorId) continue;
    for (const line of ownWords(post.raw.slice(0, MAX_TEXT * 2)).split('\n')) {
      if (isTemplateLine(line, labels)) continue;
      const kept = line
        .replace(/https?:\/\/\S+/g, ' ')
        .replace(/@[\p{L}\p{N}_.-]+/gu, ' ')
        .trim();
      if (kept === '') continue;
      parts.push(kept);
      length += kept.length + 1;
      if (length >= MAX_TEXT) return parts.join('\n').slice(0, MAX_TEXT);
    }
  }
  return parts.join('\n');
}

function isTemplateLine(line: string, labels: LabelIndex): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && colon <= 40 && labels.has(words(line.slice(0, colon)).join(' '));
}

/**
 * The thread's language: set in config for its country category, else detected from what
 * the proposer wrote, else the forum's default. Only languages the service can write
 * (`languages`, those whose language file has texts) are ever returned.
 */
export function resolveThreadLanguage(
  input: { text: string; countryCategory: string | null },
  config: RulesConfig['texts'],
  languages: readonly string[],
): ResolvedLanguage {
  const set = input.countryCategory ? categorySetting(input.countryCategory, config)?.language : undefined;
  if (set && languages.includes(set)) return { language: set, source: 'config' };
  const detected = detectLanguage(input.text, languages);
  if (detected) return { language: detected, source: 'detected' };
  return { language: config.defaultLanguage, source: 'default' };
}
