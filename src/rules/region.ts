import type { RulesConfig } from '../config/rules-config.js';
import { countryNames } from './places.js';
import { PhraseSet, words, wordSet } from '../words/text.js';
import type { Criterion } from './criterion.js';

export interface RegionLexicon {
  aliases: Map<string, string>;
  /** Other-language names of towns → the town's own name (GeoNames), applied after the aliases. */
  places: ReadonlyMap<string, string>;
  templateWords: Set<string>;
  countries: Set<string>;
  online: PhraseSet;
  /** Prepositions of place after a proposal word: "a meetup in Leipzig", "spotkanie w Krakowie". */
  prepositions: Set<string>;
  /** Prepositions of origin: before a known town, they name the region too ("eine Agentur aus Leipzig"). */
  origins: Set<string>;
  /**
   * The words of the category name template around its region ("Mautic Meetup {region}"):
   * a known town beside one names the group.
   */
  nameWords: Set<string>;
}

export function regionLexicon(
  config: RulesConfig['region'],
  places: ReadonlyMap<string, string>,
  extraTemplateWords: Iterable<string> = [],
  languages: readonly string[] = [],
  nameTemplates: readonly string[] = [],
): RegionLexicon {
  const aliases = new Map<string, string>();
  for (const [from, to] of Object.entries(config.aliases)) aliases.set(words(from).join(' '), words(to).join(' '));
  // A country's name that is also a town's own name (Luxembourg, Singapore) is the town.
  const countries = new Set([...countryNames(languages)].filter((c) => places.get(c) !== c || aliases.has(c)));
  for (const c of config.countries) countries.add(words(c).join(' '));
  return {
    aliases,
    places,
    templateWords: wordSet([...config.templateWords, ...extraTemplateWords]),
    countries,
    online: new PhraseSet(config.online),
    prepositions: wordSet(config.prepositions),
    origins: wordSet(config.origins),
    nameWords: wordSet(nameTemplates.flatMap((t) => words(t.replace('{region}', ' ')))),
  };
}

// Town names are short: "frankfurt am main", "la chaux de fonds".
const MAX_PLACE_WORDS = 5;

/**
 * The comparable form of a place: case, accents and punctuation gone, the naming template's
 * words ("Mautic Meetup …") stripped, the configured aliases applied, then the town's own name
 * in place of another language's ("München", "Monaco di Baviera" → "munich"). Two names for
 * the same place give the same key. A country stays a country.
 */
export function regionKey(text: string, lex: RegionLexicon): string {
  const all = words(text);
  const named = (key: string) => {
    const alias = lex.aliases.get(key) ?? key;
    return lex.countries.has(alias) ? alias : (lex.places.get(alias) ?? (alias === key ? null : alias));
  };
  const whole = named(all.join(' '));
  if (whole !== null) return whole;
  const kept = all.filter((w) => !lex.templateWords.has(w));
  const joined = named(kept.join(' '));
  if (joined !== null) return joined;
  // The longest town name at the start, after the template's words ("Mautic Meetup The Hague Centre").
  for (let start = 0; start < all.length && (start === 0 || lex.templateWords.has(all[start - 1]!)); start++)
    for (let n = Math.min(MAX_PLACE_WORDS, all.length - start); n > 0; n--) {
      const town = named(all.slice(start, start + n).join(' '));
      if (town !== null) return [town, ...all.slice(start + n).filter((w) => !lex.templateWords.has(w))].join(' ');
    }
  return kept.map((w) => lex.aliases.get(w) ?? w).join(' ');
}

/**
 * The place a region line names, without what people add after it: "Köln (und Umgebung)",
 * "Bristol, UK", "Lyon - France" name Köln, Bristol and Lyon. A line that holds an address
 * names its town: "Acme GmbH, Hauptstraße 5, 50667 Köln" is Köln.
 */
export function regionName(value: string, lex: RegionLexicon | null = null): string {
  const cut = value.search(/[(,;[]|\s[-–—|]\s/);
  const name = (cut < 0 ? value : value.slice(0, cut)).trim();
  const first = name === '' ? value.trim() : name;
  if (lex === null || lex.places.has(words(first).join(' '))) return first;
  return townIn(value, lex) ?? first;
}

// A postcode and the town after it, as the eight languages' countries write them: 50667 Köln,
// 75001 Paris, 1012 AB Amsterdam, 00-950 Warszawa, 1000-001 Lisboa, 8001 Zürich.
const POSTCODE_TOWN =
  /(?:^|[\s,])(?:\d{4,5}|\d{2}-\d{3}|\d{4}-\d{3})(?:\s[A-Z]{2})?\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})/u;
// An address has few parts: looking further would read a list of towns as one.
const MAX_ADDRESS_PARTS = 6;

/**
 * The town an address or a place line names: the one after a postcode, or a part between
 * commas that is a known town ("Acme Büro, Hauptstraße 5, Köln"). What stands in brackets is
 * left aside ("Rhein-Main (Frankfurt, Mainz)" names no town). Null when it names none.
 */
export function townIn(value: string, lex: RegionLexicon): string | null {
  const plain = value.replace(/\([^)]*\)?/g, ' ');
  const post = POSTCODE_TOWN.exec(plain);
  if (post) return post[1]!;
  const parts = plain.split(/[,;]/).slice(0, MAX_ADDRESS_PARTS);
  for (let i = parts.length - 1; i >= 1; i--) {
    const part = parts[i]!.trim();
    if (part !== '' && lex.places.has(words(part).join(' '))) return part;
  }
  return null;
}

export function isOnline(text: string, lex: RegionLexicon): boolean {
  return lex.online.find(words(text)).length > 0;
}

/** Same place, or one inside the other by name ("Berlin Mitte" is covered by "Berlin"). */
export function sameRegion(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  return a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

/**
 * A place named in a title that follows the naming template ("Mautic Meetup in Berlin?"):
 * what is left after the template and proposal words, if it is one to three words.
 * Returns the writer's own spelling of those words.
 */
export function regionFromTitle(title: string, lex: RegionLexicon): string | null {
  const tokens = title.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  const kept = tokens.filter((t) => words(t).some((w) => !lex.templateWords.has(w)));
  if (kept.length === 0 || kept.length > 3) return null;
  return kept.join(' ').replace(/[.'’-]+$/, '');
}

// How much of a first post is read for a place in prose, and how many words a place name has.
const MAX_PROSE = 3000;
const MAX_PROSE_PLACE_WORDS = 3;
const MAX_KEYWORD_WORDS = 3;

/**
 * A place named in the prose of a first post that has no region line and no title that names
 * one: after a proposal word and a preposition of place, one to three capitalised words ("a
 * Mautic meetup in Leipzig", "un encuentro en Santiago de Compostela", "spotkanie w Krakowie");
 * else a known town after any preposition of place or origin or right after a proposal word
 * ("Ich arbeite bei einer Agentur in Leipzig", "een bureau uit Utrecht", "Mautic-Treffen Köln"). The writer's own spelling is kept.
 */
export function regionFromProse(raw: string, lex: RegionLexicon, keywords: PhraseSet): string | null {
  const text = raw.slice(0, MAX_PROSE);
  const tokens = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu)];
  const norm = tokens.map((t) => words(t[0]).join(' '));
  const keywordEndsAt = (i: number) => {
    const before = norm.slice(Math.max(0, i - MAX_KEYWORD_WORDS + 1), i + 1);
    return keywords.find(before).some((hit) => hit.at + hit.length === before.length);
  };
  /** The capitalised words from token j on, with the lower-case particles inside a name ("Frankfurt am Main"). */
  const placeAt = (j0: number): string[] => {
    const place: string[] = [];
    for (let j = j0; j < tokens.length && place.length < MAX_PROSE_PLACE_WORDS; j++) {
      const t = tokens[j]!;
      const joined =
        place.length === 0 || /^[\s-]+$/.test(text.slice(tokens[j - 1]!.index + tokens[j - 1]![0].length, t.index));
      const capital = /^\p{Lu}/u.test(t[0]);
      const particle = place.length > 0 && /^\p{Ll}{1,3}$/u.test(t[0]) && /^\p{Lu}/u.test(tokens[j + 1]?.[0] ?? '');
      if (!joined || !(capital || particle)) break;
      place.push(t[0]);
    }
    return place.length > 0 && !lex.templateWords.has(words(place[0]!)[0]!) ? place : [];
  };
  /** The longest start of a place that is a known town, or an alias. */
  const town = (place: string[]): string | null => {
    for (let n = place.length; n > 0; n--) {
      const key = words(place.slice(0, n).join(' ')).join(' ');
      if (lex.places.has(key) || lex.aliases.has(key)) return place.slice(0, n).join(' ');
    }
    return null;
  };
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!lex.prepositions.has(norm[i + 1]!) || !keywordEndsAt(i)) continue;
    const place = placeAt(i + 2);
    if (place.length > 0) return place.join(' ');
  }
  // A known town beside the group's name: "Mautic Zürich", "grupo Mautic Buenos Aires", "Kochi Mautic Meetup".
  for (let i = 0; i < tokens.length; i++) {
    if (!lex.nameWords.has(norm[i]!) || (i > 0 && lex.nameWords.has(norm[i - 1]!))) continue;
    for (let n = Math.min(MAX_PROSE_PLACE_WORDS, i); n > 0; n--) {
      const before = placeAt(i - n).slice(0, n);
      const known = before.length === n ? town(before) : null;
      if (known !== null && known.split(' ').length === n) return known;
    }
    let end = i;
    while (end + 1 < tokens.length && lex.nameWords.has(norm[end + 1]!)) end++;
    const known = town(placeAt(end + 1));
    if (known !== null) return known;
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const after = lex.prepositions.has(norm[i]!) || lex.origins.has(norm[i]!) ? i + 1 : keywordEndsAt(i) ? i + 1 : -1;
    if (after < 0) continue;
    const known = town(placeAt(after));
    if (known !== null) return known;
  }
  return null;
}

export type RegionReason =
  | { code: 'missing' }
  | { code: 'online' }
  | { code: 'online_twin'; url: string }
  | { code: 'unreadable' }
  | { code: 'country' }
  | { code: 'covered'; name: string; url: string }
  | { code: 'other_proposal'; url: string }
  | { code: 'clear' };

export type RegionCriterion = Criterion<string, RegionReason>;

/** What covers a place already: the forum's meetups and the proposals further along. */
export interface RegionFacts {
  /** Existing subcategories of the meetups category. */
  meetups: ReadonlyArray<{ name: string; url: string }>;
  /** Names of the per-country subcategories of the watched category: a country is not a region. */
  countries: readonly string[];
  /** Other proposals awaiting approval or approved, with their region. */
  otherProposals: ReadonlyArray<{ topicId: number; url: string; region: string | null; online: boolean }>;
}

/**
 * Met for a town or region that no meetup and no proposal further along covers; blocked for a
 * whole country or a covered place. An online meetup has no regional limit, but another online
 * proposal like it is a warning for the moderators.
 */
export function regionCriterion(
  text: string | null,
  post: number,
  online: boolean,
  lex: RegionLexicon,
  facts: RegionFacts,
  topicId: number,
): RegionCriterion {
  if (text === null) return { status: 'missing', reason: { code: 'missing' }, posts: [] };
  const key = regionKey(text, lex);
  const base = { posts: [post], value: text };
  if (online) {
    const twin = facts.otherProposals.find(
      (p) => p.online && p.topicId !== topicId && sameRegion(regionKey(p.region ?? '', lex), key),
    );
    return twin
      ? { ...base, status: 'warning', reason: { code: 'online_twin', url: twin.url } }
      : { ...base, status: 'met', reason: { code: 'online' } };
  }
  if (key === '') return { ...base, status: 'missing', reason: { code: 'unreadable' } };
  if (lex.countries.has(key) || facts.countries.some((c) => regionKey(c, lex) === key))
    return { ...base, status: 'blocked', reason: { code: 'country' } };
  const meetup = facts.meetups.find((m) => sameRegion(regionKey(m.name, lex), key));
  if (meetup) return { ...base, status: 'blocked', reason: { code: 'covered', name: meetup.name, url: meetup.url } };
  const other = facts.otherProposals.find(
    (p) => !p.online && p.topicId !== topicId && p.region !== null && sameRegion(regionKey(p.region, lex), key),
  );
  if (other) return { ...base, status: 'blocked', reason: { code: 'other_proposal', url: other.url } };
  return { ...base, status: 'met', reason: { code: 'clear' } };
}
