import type { RulesConfig } from '../config/rules-config.js';
import { allLanguages as all, ownWords, PhraseSet, words } from '../words/text.js';
import type { Criterion, GivenField } from './criterion.js';

export type VenueKind = 'office' | 'community_space' | 'bar' | 'unknown';

export interface VenueLexicon {
  office: PhraseSet;
  community: PhraseSet;
  bar: PhraseSet;
  unconfirmed: PhraseSet;
  cues: PhraseSet;
  /** The kinds' one-word entries as the last or first part of a compound ("Stadtbibliothek", "coworkingruimte"). */
  officeParts: CompoundParts;
  communityParts: CompoundParts;
  barParts: CompoundParts;
}

export function venueLexicon(config: RulesConfig['venue']): VenueLexicon {
  return {
    office: new PhraseSet(all(config.office)),
    community: new PhraseSet(all(config.community)),
    bar: new PhraseSet(all(config.bar)),
    unconfirmed: new PhraseSet(all(config.unconfirmed)),
    cues: new PhraseSet(all(config.cues)),
    officeParts: new CompoundParts(all(config.office)),
    communityParts: new CompoundParts(all(config.community)),
    barParts: new CompoundParts(all(config.bar)),
  };
}

// Shorter words are parts of too many others ("bar" of "Barcelona", "uni" of "Kommunikation").
const MIN_HEAD = 4;
const MIN_FIRST = 6;
// What a compound adds to a word that starts it: "coworking" + "ruimte", not "office" + "r".
const MIN_REST = 3;

/**
 * One-word entries found as the head (end) of a compound, as German and Dutch build them
 * ("Stadtbibliothek", "hoofdkantoor", "Eckkneipe"), or as its first part when long enough
 * ("coworkingruimte"). Looked up by the word's ends, one length at a time: linear in the text.
 */
export class CompoundParts {
  private readonly byLength = new Map<number, Set<string>>();
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const w = words(entry);
      if (w.length !== 1 || w[0]!.length < MIN_HEAD) continue;
      const set = this.byLength.get(w[0]!.length) ?? new Set<string>();
      set.add(w[0]!);
      this.byLength.set(w[0]!.length, set);
    }
  }

  has(word: string): boolean {
    for (const [length, set] of this.byLength) {
      if (word.length < length + MIN_REST) continue;
      if (set.has(word.slice(-length))) return true;
      if (length >= MIN_FIRST && set.has(word.slice(0, length))) return true;
    }
    return false;
  }

  in(textWords: readonly string[]): boolean {
    return textWords.some((w) => this.has(w));
  }
}

/** A venue's words, with the English possessive taken off ("our agency's space" names an agency). */
function venueWords(text: string): string[] {
  return words(text).map((w) => (w.endsWith("'s") ? w.slice(0, -2) : w));
}

export interface VenueReading {
  kind: VenueKind;
  /** Both a workplace or community word and a bar word: the author must say which. */
  mixed: boolean;
  confirmed: boolean;
}

/**
 * The kind of a venue, decided on whole words: "Barcelona" is not a bar, "pubs" is
 * (the plural is in the list). A venue that names both kinds is not guessed at.
 */
export function readVenue(text: string, lex: VenueLexicon): VenueReading {
  const w = venueWords(text);
  const bar = lex.bar.find(w).length > 0 || lex.barParts.in(w);
  const office = lex.office.find(w).length > 0 || lex.officeParts.in(w);
  const community = lex.community.find(w).length > 0 || lex.communityParts.in(w);
  const confirmed = lex.unconfirmed.find(w).length === 0 && !text.trim().endsWith('?');
  const mixed = bar && (office || community);
  // A coworking space or a library stays one whoever's office is in it ("WeWork, where my company rents desks").
  const kind: VenueKind = mixed
    ? 'unknown'
    : bar
      ? 'bar'
      : community
        ? 'community_space'
        : office
          ? 'office'
          : 'unknown';
  return { kind, mixed, confirmed };
}

// A street and its number, or a postcode and a town: "Hauptstraße 5", "12 Oxford Road", "50667 Köln".
// Every run is bounded, so a long word costs a bounded look at each place: linear.
const ADDRESS =
  /\p{Lu}\p{L}{0,40}(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|straat|laan|gracht|plein)\s\d{1,4}\b|\b\d{1,4}\s\p{Lu}\p{L}{0,40}\s(?:Road|Street|St|Avenue|Lane)\b|\b(?:rue|calle|rua|via|avenida|avenue|ul\.)\s[\p{L} ]{2,30}\d{1,4}|\b\d{4,5}\s\p{Lu}\p{L}/u;

/** Whether a text holds a street and number or a postcode and town: it names a place. */
export function hasAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/**
 * The free-text fallback: a sentence of the first post that is about the venue (it has
 * a cue such as "host" or "bei uns im") and names a kind of place or an address. Only that sentence
 * is taken, so "I work in an office" alone does not make a venue.
 */
export function venueSentence(raw: string, lex: VenueLexicon, maxLength: number): string | null {
  const text = ownWords(raw);
  for (const sentence of text.split(/[.!?\n]+/)) {
    const w = venueWords(sentence);
    if (w.length === 0 || lex.cues.find(w).length === 0) continue;
    // A sentence still looking for a place ("No venue yet, maybe a coworking space") gives none.
    if (lex.unconfirmed.find(w).length > 0) continue;
    const kinds = lex.office.find(w).length + lex.community.find(w).length + lex.bar.find(w).length;
    const named = kinds > 0 || lex.officeParts.in(w) || lex.communityParts.in(w) || lex.barParts.in(w);
    // Or where it is: "Wir treffen uns bei Acme, Hauptstraße 5" names a venue whose kind is yet to be said.
    if (!named && !ADDRESS.test(sentence)) continue;
    return sentence.trim().slice(0, maxLength);
  }
  return null;
}

export type VenueReason =
  | { code: 'online' }
  | { code: 'missing' }
  | { code: 'bar' }
  | { code: 'mixed' }
  | { code: 'unknown_kind' }
  | { code: 'unconfirmed' }
  | { code: 'confirmed'; kind: 'office' | 'community_space' };

export type VenueCriterion = Criterion<string, VenueReason> & { kind?: VenueKind };

/**
 * Met for a confirmed office or community space; blocked for a bar; missing without a venue,
 * or while its kind cannot be told or its host has not agreed. Without a venue line, the
 * sentence of the first post that names one (`firstPost`).
 */
export function venueCriterion(
  field: GivenField | undefined,
  firstPost: string | null,
  online: boolean,
  lex: VenueLexicon,
  maxLength: number,
): VenueCriterion {
  if (online) return { status: 'met', reason: { code: 'online' }, posts: [], value: 'online', kind: 'community_space' };
  let text = field?.value ?? null;
  let post = field?.post ?? null;
  if (text === null && firstPost !== null) {
    const sentence = venueSentence(firstPost, lex, maxLength);
    if (sentence) {
      text = sentence;
      post = 1;
    }
  }
  const noVenue: VenueCriterion = { status: 'missing', reason: { code: 'missing' }, posts: [] };
  if (text === null || post === null) return noVenue;
  const reading = readVenue(text, lex);
  // "Venue: TBC, still talking to a couple of places" names no place: the venue is still missing.
  if (!reading.confirmed && reading.kind === 'unknown' && !hasAddress(text)) return noVenue;
  const base = { posts: [post], value: text, kind: reading.kind };
  if (reading.kind === 'bar') return { ...base, status: 'blocked', reason: { code: 'bar' } };
  if (reading.mixed) return { ...base, status: 'missing', reason: { code: 'mixed' } };
  if (reading.kind === 'unknown') return { ...base, status: 'missing', reason: { code: 'unknown_kind' } };
  if (!reading.confirmed) return { ...base, status: 'missing', reason: { code: 'unconfirmed' } };
  return { ...base, status: 'met', reason: { code: 'confirmed', kind: reading.kind } };
}
