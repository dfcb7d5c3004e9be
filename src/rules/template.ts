import type { RulesConfig } from '../config/rules-config.js';
import type { PostState } from './snapshot.js';
import { ownWords, words } from './text.js';

export const TEMPLATE_FIELDS = ['region', 'organisers', 'venue', 'launch', 'schedule'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export interface FieldValue {
  value: string;
  post: number;
  username: string;
}

export type TemplateValues = Partial<Record<TemplateField, FieldValue>>;

/** Normalised label → field, for every alias in every language. */
export type LabelIndex = Map<string, TemplateField>;

export function labelIndex(config: RulesConfig['template']): LabelIndex {
  const index: LabelIndex = new Map();
  for (const field of TEMPLATE_FIELDS)
    for (const label of config.labels[field]) index.set(words(label).join(' '), field);
  return index;
}

// A label is short: looking for its colon further in would read prose as a label.
const MAX_LABEL_CHARS = 40;

/**
 * The template fields one post sets, each its last occurrence in the post. A line is
 * "<label>: <value>", the label in any listed language, optionally bold or bulleted.
 */
export function templateLines(
  raw: string,
  index: LabelIndex,
  maxValueLength: number,
): Partial<Record<TemplateField, string>> {
  const out: Partial<Record<TemplateField, string>> = {};
  for (const line of ownWords(raw).split('\n')) {
    const colon = firstColon(line);
    if (colon < 0 || colon > MAX_LABEL_CHARS) continue;
    const field = index.get(words(line.slice(0, colon)).join(' '));
    if (!field) continue;
    const value = line
      .slice(colon + 1)
      .replace(/^[\s*_]+/, '')
      .replace(/[\s*_]+$/, '')
      .slice(0, maxValueLength);
    if (value !== '') out[field] = value;
  }
  return out;
}

function firstColon(line: string): number {
  const a = line.indexOf(':');
  const b = line.indexOf('\uff1a');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

export interface TemplatePost {
  post: PostState;
  lines: Partial<Record<TemplateField, string>>;
}

/** The template lines of each post, in thread order: read once, then chosen from per rule of who may set what. */
export function templatePosts(posts: readonly PostState[], index: LabelIndex, maxValueLength: number): TemplatePost[] {
  return [...posts]
    .sort((a, b) => a.number - b.number || a.id - b.id)
    .map((post) => ({ post, lines: templateLines(post.raw, index, maxValueLength) }));
}

/**
 * The newest value of each field among the posts allowed to set it. Posts come in
 * thread order, so a later post by an allowed person replaces an earlier value.
 */
export function readTemplate(
  posts: readonly TemplatePost[],
  mayset: (post: PostState, field: TemplateField) => boolean,
): TemplateValues {
  const out: TemplateValues = {};
  for (const { post, lines } of posts) {
    for (const field of TEMPLATE_FIELDS) {
      const value = lines[field];
      if (value !== undefined && mayset(post, field))
        out[field] = { value, post: post.number, username: post.username };
    }
  }
  return out;
}
