import type { RulesConfig } from '../config/rules-config.js';
import { allLanguages as all, ownWords, PhraseSet, words } from '../words/text.js';
import type { Criterion, GivenField } from './criterion.js';

export type VenueKind = 'office' | 'community_space' | 'bar' | 'unknown';

export interface VenueLexicon {
  office: PhraseSet;
  community: PhraseSet;
  bar: PhraseSet;
  places: PhraseSet;
  rooms: PhraseSet;
  unconfirmed: PhraseSet;
  cues: PhraseSet;
  history: PhraseSet;
  work: PhraseSet;
  /** The kinds' one-word entries as the last or first part of a compound ("Stadtbibliothek", "coworkingruimte"). */
  officeParts: CompoundParts;
  communityParts: CompoundParts;
  barParts: CompoundParts;
  placeParts: CompoundParts;
  roomParts: CompoundParts;
  /** A cue's one-word entries as parts of a compound: "Hinterzimmer", "achterzaal". */
  cueParts: CompoundParts;
}

export function venueLexicon(config: RulesConfig['venue']): VenueLexicon {
  return {
    office: new PhraseSet(all(config.office)),
    community: new PhraseSet(all(config.community)),
    bar: new PhraseSet(all(config.bar)),
    places: new PhraseSet(all(config.places)),
    rooms: new PhraseSet(all(config.rooms)),
    unconfirmed: new PhraseSet(all(config.unconfirmed)),
    cues: new PhraseSet(all(config.cues)),
    history: new PhraseSet(all(config.history)),
    work: new PhraseSet(all(config.work)),
    officeParts: new CompoundParts(all(config.office)),
    communityParts: new CompoundParts(all(config.community)),
    barParts: new CompoundParts(all(config.bar)),
    placeParts: new CompoundParts(all(config.places)),
    roomParts: new CompoundParts(all(config.rooms)),
    cueParts: new CompoundParts(all(config.cues)),
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

// An elided article or preposition before a word: "l'", "dell'", "un'", "qu'". Longer, it is no elision.
const ELISION = /^[a-z]{1,5}'(?=[a-z]{3})/;

/** A venue's words, with the English possessive taken off ("our agency's space" names an agency). */
function venueWords(text: string): string[] {
  return words(text).map((w) => (w.endsWith("'s") ? w.slice(0, -2) : w));
}

/**
 * The words a kind of place is looked up in: without a French or Italian elision, so
 * "l'université" and "dell'agenzia" name a university and an agency. Phrases of the other
 * lists keep theirs ("rien n'est encore", "jusqu'ici").
 */
function placeWords(w: readonly string[]): string[] {
  return w.map((x) => x.replace(ELISION, ''));
}

export interface VenueReading {
  kind: VenueKind;
  /** Both a workplace or community word and a bar word: the author must say which. */
  mixed: boolean;
  confirmed: boolean;
}

/** Which kinds of place a text's words name. */
interface KindWords {
  office: boolean;
  community: boolean;
  bar: boolean;
  place: boolean;
  room: boolean;
}

function kindWords(text: readonly string[], lex: VenueLexicon): KindWords {
  const w = placeWords(text);
  const community = lex.community.find(w);
  // A place word inside a kind's phrase is that kind: "hôtel de ville" is a town hall, no hotel.
  const within = (at: number) => community.some((hit) => at >= hit.at && at < hit.at + hit.length);
  return {
    office: lex.office.find(w).length > 0 || lex.officeParts.in(w),
    community: community.length > 0 || lex.communityParts.in(w),
    bar: lex.bar.find(w).length > 0 || lex.barParts.in(w),
    place: lex.places.find(w).some((hit) => !within(hit.at)) || lex.placeParts.in(w),
    room: lex.rooms.find(w).length > 0 || lex.roomParts.in(w),
  };
}

const namesAKind = (k: KindWords) => k.office || k.community || k.bar || k.place || k.room;

/**
 * The kind of a venue, decided on whole words: "Barcelona" is not a bar, "pubs" is
 * (the plural is in the list). A venue that names both a bar and a workplace is not guessed
 * at. The place decides, not a room in it: a library's or a hotel's meeting room is the
 * library's or the hotel's, and a meeting room alone is an office's.
 */
export function readVenue(text: string, lex: VenueLexicon): VenueReading {
  const w = venueWords(text);
  const k = kindWords(w, lex);
  const confirmed = lex.unconfirmed.find(w).length === 0 && !text.trim().endsWith('?');
  const mixed = k.bar && (k.office || k.community);
  // A hotel lets rooms to anyone: its kind is not told by who books them.
  const kind: VenueKind =
    mixed || (!k.bar && k.place)
      ? 'unknown'
      : k.bar
        ? 'bar'
        : k.community
          ? 'community_space'
          : k.office || k.room
            ? 'office'
            : 'unknown';
  return { kind, mixed, confirmed };
}

// The one address pattern (issue 33), a street and its number or a postcode and a town: a word
// ending in a street word ("Hauptstraße 5a", "Oudegracht 12"); a number before an English street
// ("12 Oxford Road") or after a French one ("5 rue Victor Hugo"); a street word before a name
// ("Via Roma, 10", "Avenida de Mayo 100", "ul. Długa 5"); a postcode and a town ("50667 Köln").
// A word and a number alone ("room 2", "Mautic 5") is none. Every run is bounded: linear.
const ADDRESS = new RegExp(
  [
    String.raw`\p{Lu}\p{L}{0,40}(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|straat|laan|gracht|plein|kade|singel)\s\d{1,4}[a-z]?\b`,
    String.raw`\b\d{1,4}\s\p{Lu}\p{L}{0,40}\s(?:Road|Rd|Street|St|Avenue|Ave|Lane|Square)\b`,
    String.raw`\b\d{1,4}(?:bis|ter)?,?\s(?:rue|avenue|boulevard|place|quai|chemin|allée)\s`,
    String.raw`(?:\b(?:[Cc]alle|[Pp]laza|[Pp]aseo|[Rr]ua|[Aa]venida|[Pp]raça|[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso|ul\.|al\.)|\bC\/)\s?(?:\p{Ll}{1,5}\s){0,2}\p{Lu}[\p{L}' ]{1,30},?\s\d{1,4}`,
    String.raw`\b\d{4,5}\s\p{Lu}\p{L}`,
  ].join('|'),
  'u',
);

/** Whether a text holds a street and number or a postcode and town: it names a place. */
export function hasAddress(text: string): boolean {
  return ADDRESS.test(text);
}

// A sentence ends at a stop followed by a space, or a line's end: "e.V.)", "@markus.t" and "3.5" end none.
const SENTENCE_END = /(?<=[.!?])\s+|\n+/;

/** A sentence with a cue ("host", "bei uns im"), a room ("Hinterzimmer", "vergaderzaal") or a meeting room. */
function isAboutAVenue(w: readonly string[], lex: VenueLexicon): boolean {
  if (lex.cues.find(w).length > 0 || lex.cueParts.in(w)) return true;
  const p = placeWords(w);
  return lex.rooms.find(p).length > 0 || lex.roomParts.in(p);
}

/** A sentence as a venue's value: without its full stop; a question mark stays, it says the venue is not sure. */
function clean(sentence: string, maxLength: number): string {
  const text = sentence.trim();
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '!')) end--;
  return text.slice(0, Math.min(end, maxLength));
}

/** The sentence of a first post that says where the group would meet. */
export interface VenueMention {
  sentence: string;
  /** The sentence says the place is still to be found ("We haven't sorted where yet"): a venue of no kind yet. */
  undecided: boolean;
}

/**
 * The free-text fallback: the sentence of the first post that is about the venue (it has
 * a cue such as "host", "bei uns im" or a room) and names a kind of place or an address.
 * Only that sentence is taken, so "I work in an office" alone does not make a venue, nor
 * does a sentence about where the group met before ("we used to meet at the pub"); one about
 * where someone works is taken only when no other sentence names a venue. Without any, a
 * sentence about the venue that says it is still to be found.
 */
export function venueSentence(raw: string, lex: VenueLexicon, maxLength: number): VenueMention | null {
  const text = ownWords(raw);
  let undecided: string | null = null;
  let atWork: string | null = null;
  for (const sentence of text.split(SENTENCE_END)) {
    const w = venueWords(sentence);
    if (w.length === 0 || !isAboutAVenue(w, lex)) continue;
    if (lex.history.find(w).length > 0) continue;
    // A sentence still looking for a place ("No venue yet, maybe a coworking space") names none.
    if (lex.unconfirmed.find(w).length > 0) {
      undecided ??= clean(sentence, maxLength);
      continue;
    }
    // Or where it is: "Wir treffen uns bei Acme, Hauptstraße 5" names a venue whose kind is yet to be said.
    if (!namesAKind(kindWords(w, lex)) && !ADDRESS.test(sentence)) continue;
    if (lex.work.find(w).length > 0) {
      atWork ??= clean(sentence, maxLength);
      continue;
    }
    return { sentence: clean(sentence, maxLength), undecided: false };
  }
  if (atWork !== null) return { sentence: atWork, undecided: false };
  return undecided === null ? null : { sentence: undecided, undecided: true };
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
  let undecided = false;
  if (text === null && firstPost !== null) {
    const mention = venueSentence(firstPost, lex, maxLength);
    if (mention) {
      text = mention.sentence;
      undecided = mention.undecided;
      post = 1;
    }
  }
  if (text === null || post === null) return { status: 'missing', reason: { code: 'missing' }, posts: [] };
  const reading = readVenue(text, lex);
  // "Venue: TBC, still talking to a couple of places" speaks of a venue, not yet of a place: one of no kind, still missing.
  if (undecided || (!reading.confirmed && reading.kind === 'unknown' && !hasAddress(text)))
    return { status: 'missing', reason: { code: 'missing' }, posts: [post], value: text, kind: 'unknown' };
  const base = { posts: [post], value: text, kind: reading.kind };
  if (reading.kind === 'bar') return { ...base, status: 'blocked', reason: { code: 'bar' } };
  if (reading.mixed) return { ...base, status: 'missing', reason: { code: 'mixed' } };
  if (reading.kind === 'unknown') return { ...base, status: 'missing', reason: { code: 'unknown_kind' } };
  if (!reading.confirmed) return { ...base, status: 'missing', reason: { code: 'unconfirmed' } };
  return { ...base, status: 'met', reason: { code: 'confirmed', kind: reading.kind } };
}
