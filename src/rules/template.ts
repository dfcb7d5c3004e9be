import type { RulesConfig } from '../config/rules-config.js';
import type { PostState } from './snapshot.js';
import { namesDate, type DateLexicon } from './launch-date.js';
import { namesAPlace, townIn, type RegionLexicon } from './region.js';
import { readSchedule, type ScheduleLexicon } from './schedule.js';
import { hasAddress, readVenue, type VenueLexicon } from './venue.js';
import { ownWords, words } from '../words/text.js';

export const TEMPLATE_FIELDS = ['region', 'organisers', 'venue', 'launch', 'schedule'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export interface FieldValue {
  value: string;
  post: number;
  username: string;
}

export type TemplateValues = Partial<Record<TemplateField, FieldValue>>;

/**
 * What a label says: a field, or one of two kinds that depend on the rest of the post. A "place"
 * label ("Ort", "location", "plaats") is the venue when the post also labels a town or region,
 * and the region when it does not and it names one ("Ort: Linz", not "Ort: das Hafenhaus"). A "when" label ("Termin", "wann", "quand") is the launch when
 * its value holds a calendar date, the schedule when it holds a monthly day, or both.
 */
export type LabelKind = TemplateField | 'place' | 'when';

/** Normalised label → what it says, for every alias in every language; with the readers a "when" label needs. */
export class LabelIndex extends Map<string, LabelKind> {
  constructor(
    readonly dates: DateLexicon | null = null,
    readonly schedule: ScheduleLexicon | null = null,
    readonly venue: VenueLexicon | null = null,
    readonly region: RegionLexicon | null = null,
  ) {
    super();
  }
}

export function labelIndex(
  config: RulesConfig['template'],
  dates: DateLexicon | null = null,
  schedule: ScheduleLexicon | null = null,
  venue: VenueLexicon | null = null,
  region: RegionLexicon | null = null,
): LabelIndex {
  const index = new LabelIndex(dates, schedule, venue, region);
  for (const kind of [...TEMPLATE_FIELDS, 'place', 'when'] as const)
    for (const label of config.labels[kind]) index.set(labelKey(label), kind);
  return index;
}

/**
 * A label's words, as looked up: what stands in brackets is a hint ("Venue (office or space)"),
 * and a number before it counts the line ("1. Stadt").
 */
export function labelKey(label: string): string {
  const w = words(label.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' '));
  let i = 0;
  while (i < w.length - 1 && /^\d+$/.test(w[i]!)) i++;
  return w.slice(i).join(' ');
}

/**
 * What a label says. One of two joined labels ("Ort/Region", "Datum & Uhrzeit", "Stadt | Ort")
 * says what the more definite of them says: a field over a place or when label.
 */
export function labelKind(label: string, index: LabelIndex): LabelKind | undefined {
  const whole = index.get(labelKey(label));
  if (whole !== undefined || !/[/|&]/.test(label)) return whole;
  const kinds = label.split(/[/|&]/).map((part) => index.get(labelKey(part)));
  return kinds.find((k) => k !== undefined && k !== 'place' && k !== 'when') ?? kinds.find((k) => k !== undefined);
}

// A label is short: looking for its colon further in would read prose as a label.
const MAX_LABEL_CHARS = 40;

/**
 * The template fields one post sets, each its last occurrence in the post. A line is
 * "<label>: <value>", the label in any listed language, optionally bold or bulleted. A label
 * whose field depends on the rest of the post is decided once the whole post is read.
 */
export function templateLines(
  raw: string,
  index: LabelIndex,
  maxValueLength: number,
): Partial<Record<TemplateField, string>> {
  const out: Partial<Record<TemplateField, string>> = {};
  let place: string | undefined;
  let when: string | undefined;
  const lines = ownWords(raw).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const found = labelledLine(lines[i]!, index);
    if (!found) continue;
    let value = found.value;
    // A label alone on its line ("## Region", "**Ort**", "Venue:") is answered by the next line.
    if (value === '') {
      const next = valueBelow(lines, i, index);
      if (next === null) continue;
      value = next.value;
      i = next.line;
    }
    value = value
      .replace(/^[\s*_]+/, '')
      .replace(/[\s*_|]+$/, '')
      .slice(0, maxValueLength);
    if (value === '') continue;
    const kind = found.kind;
    if (kind === 'place') place = value;
    else if (kind === 'when') when = value;
    else out[kind] = value;
  }
  if (place !== undefined) {
    if (out.region !== undefined) out.venue ??= place;
    else if (index.venue !== null && namesAVenue(place, index)) {
      // "Ort: Büro der Agentur Blau, Hauptstraße 5, 50667 Köln" is where, and its town the region.
      out.venue ??= place;
      const town = index.region === null ? null : townIn(place, index.region);
      if (town !== null) out.region = town;
    } else if (index.region !== null && !namesAPlace(place, index.region)) out.venue ??= place;
    else out.region = place;
  }
  if (when !== undefined) {
    const date = index.dates !== null && namesDate(when, index.dates);
    const reading = index.schedule === null ? null : readSchedule(when, index.schedule).kind;
    const monthly = reading === 'monthly' || reading === 'no_time';
    if (date || !monthly) out.launch ??= when;
    if (monthly) out.schedule ??= when;
  }
  return out;
}

/** A place line that says what kind of place it is, or gives an address, names a venue, not a town. */
function namesAVenue(place: string, index: LabelIndex): boolean {
  return readVenue(place, index.venue!).kind !== 'unknown' || hasAddress(place);
}

// How far below a label alone its value may stand: a blank line between is common, more is not.
const VALUE_BELOW = 2;

/**
 * A template line in any of the shapes people write it: "Label: value", "Label – value",
 * "| Label | value |", or the label alone ("## Region", "**Ort**", "Venue:"), whose value is
 * then '' and stands below it.
 */
function labelledLine(line: string, index: LabelIndex): { kind: LabelKind; value: string } | null {
  const text = line.replace(/^\s*(?:#{1,6}\s*|[-*+>]\s+|\d{1,2}[.)]\s+)?/, '');
  if (text.trimStart().startsWith('|')) {
    const cells = text.split('|').map((c) => c.trim());
    const [label, value] = cells.filter((c) => c !== '');
    const kind = label !== undefined && label.length <= MAX_LABEL_CHARS ? labelKind(label, index) : undefined;
    return kind && value !== undefined && !/^:?-+:?$/.test(value) ? { kind, value } : null;
  }
  const colon = firstColon(text);
  if (colon >= 0 && colon <= MAX_LABEL_CHARS) {
    const kind = labelKind(text.slice(0, colon), index);
    if (kind) return { kind, value: text.slice(colon + 1).trim() };
  }
  const dash = / [-–—] /.exec(text.slice(0, MAX_LABEL_CHARS + 3));
  if (dash) {
    const kind = labelKind(text.slice(0, dash.index), index);
    if (kind) return { kind, value: text.slice(dash.index + dash[0].length).trim() };
  }
  // A label alone is a few words without a sentence's punctuation: most replies are read no further.
  if (colon < 0 && text.trim().length <= MAX_LABEL_CHARS && !/[.!?,;]/.test(text)) {
    const kind = labelKind(text, index);
    if (kind) return { kind, value: '' };
  }
  return null;
}

/** The line that answers a label alone on its own: the next line with words that is no label itself. */
function valueBelow(lines: readonly string[], at: number, index: LabelIndex): { value: string; line: number } | null {
  for (let j = at + 1; j < Math.min(lines.length, at + 1 + VALUE_BELOW); j++) {
    const line = lines[j]!;
    if (words(line).length === 0) continue;
    if (labelledLine(line, index)) return null;
    return { value: line.replace(/^\s*(?:[-*+>]\s+)?/, '').trim(), line: j };
  }
  return null;
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
