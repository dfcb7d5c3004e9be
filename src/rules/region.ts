import type { RulesConfig } from '../config/rules-config.js';
import { countryNames } from './places.js';
import { normalise, PhraseSet, words, wordSet } from '../words/text.js';
import type { Criterion } from './criterion.js';

/** How a language names a place in another case: the endings and the prepositions that call for them. */
export interface CaseForms {
  /** Prepositions after which a place stands in another case ("w", "we", "na"). */
  prepositions: Set<string>;
  /** An ending of the other case and the nominative's in its stead ("owie" → "ów"), the likeliest first. */
  endings: ReadonlyArray<readonly [string, string]>;
}

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
  /** Words a title puts around its place that name none ("proposal", "offizielle", "création"), and the online words. */
  titleWords: Set<string>;
  /** Small words inside a place's name: "Viana do Castelo", "Bahía de Cádiz", "Newcastle upon Tyne". */
  nameParticles: Set<string>;
  /** Prepositions before a region's name in a title, known town or not: "am Bodensee", "en Bretagne", "nelle Marche". */
  titlePrepositions: Set<string>;
  /** Words that make a town near after them where someone lives or works, or the nearest city: "I live in Noida". */
  residenceWords: Set<string>;
  /** Each language's other cases of a place name ("we Wrocławiu", "w Kielcach"). */
  cases: readonly CaseForms[];
  /** Every language's case endings, for a name looked up among the known towns whatever the preposition. */
  endings: ReadonlyArray<readonly [string, string]>;
  /** Month and weekday names: capitalised, and no place ("im Dezember", "en Mayo"). */
  calendarWords: Set<string>;
}

export function regionLexicon(
  config: RulesConfig['region'],
  places: ReadonlyMap<string, string>,
  extraTemplateWords: Iterable<string> = [],
  languages: readonly string[] = [],
  nameTemplates: readonly string[] = [],
  calendarWords: Iterable<string> = [],
): RegionLexicon {
  const aliases = new Map<string, string>();
  for (const [from, to] of Object.entries(config.aliases)) aliases.set(words(from).join(' '), words(to).join(' '));
  // A country's name that is also a town's own name (Luxembourg, Singapore) is the town.
  const countries = new Set([...countryNames(languages)].filter((c) => places.get(c) !== c || aliases.has(c)));
  for (const c of config.countries) countries.add(words(c).join(' '));
  const cases = config.cases.map((c) => ({
    prepositions: wordSet(c.prepositions),
    endings: c.endings.map(([from, to]) => [from.toLowerCase(), to] as const),
  }));
  return {
    aliases,
    places,
    templateWords: wordSet([...config.templateWords, ...extraTemplateWords]),
    countries,
    online: new PhraseSet(config.online),
    prepositions: wordSet(config.prepositions),
    origins: wordSet(config.origins),
    nameWords: wordSet(nameTemplates.flatMap((t) => words(t.replace('{region}', ' ')))),
    titleWords: wordSet([...config.titleWords, ...config.online]),
    nameParticles: wordSet(config.nameParticles),
    titlePrepositions: wordSet(config.titlePrepositions),
    residenceWords: wordSet(config.residenceWords),
    cases,
    endings: cases.flatMap((c) => c.endings),
    calendarWords: new Set([...calendarWords].map((w) => words(w).join(' '))),
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
  return townIn(value, lex) ?? leadingTown(first, lex) ?? first;
}

/**
 * A known town that opens a line, when what follows it are words about it and no other town:
 * "Lille et la métropole", "Köln und Umgebung", "Lisboa e arredores" name Lille, Köln, Lisboa.
 */
function leadingTown(value: string, lex: RegionLexicon): string | null {
  const line = value.slice(0, MAX_LINE);
  const units: RegExpMatchArray[] = [];
  for (const unit of line.matchAll(TITLE_UNIT)) if (units.push(unit) > MAX_PLACE_WORDS) break;
  for (let n = Math.min(MAX_PLACE_WORDS, units.length - 1); n > 0; n--) {
    const end = units[n - 1]!.index! + units[n - 1]![0].length;
    const town = knownName(line.slice(units[0]!.index, end), lex);
    const rest = line.slice(end);
    if (town !== null && /^\s+\p{Ll}/u.test(rest) && !namesATown(rest, lex)) return town;
  }
  return null;
}

// A region line is short: the words after its town are read this far.
const MAX_LINE = 300;

/** Whether any words of a text are a known town: "und Umgebung" names none, "und Bonn" does. */
function namesATown(text: string, lex: RegionLexicon): boolean {
  const w = words(text.slice(0, MAX_LINE));
  for (let i = 0; i < w.length; i++)
    for (let n = 1; n <= Math.min(MAX_PLACE_WORDS, w.length - i); n++)
      if (knownName(w.slice(i, i + n).join(' '), lex) !== null) return true;
  return false;
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

/**
 * Whether a place line ("Ort:", "Où :", "Dove:") names a town or region rather than a venue:
 * a proper name ("Linz", "Raum Stuttgart") or a known town in it ("raum köln"). "das Hafenhaus",
 * "encore à définir" and "birrificio Edit" name none.
 */
export function namesAPlace(value: string, lex: RegionLexicon): boolean {
  const name = regionName(value);
  return /^\P{L}*\p{Lu}/u.test(name) || namesATown(name, lex);
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

// A word this short is read as written: "Wien" has no case ending to take off.
const MIN_INFLECTED = 4;
// The spellings of a name tried at most: a word's few endings, over a name of a few words.
const MAX_SPELLINGS = 32;

/** A word's other-case endings made the nominative's: "Wrocławiu" → "Wrocław", "Kielcach" → "Kielce". */
function nominativesOf(word: string, endings: ReadonlyArray<readonly [string, string]>): string[] {
  const low = word.toLowerCase();
  // A writer who leaves out the accents ("w Trojmiescie") has the same endings without them.
  const plain = normalise(word);
  const out: string[] = [];
  for (const [ending, nominative] of endings) {
    if (word.length < MIN_INFLECTED || word.length <= ending.length) continue;
    if (low.endsWith(ending) || (plain.length === word.length && plain.endsWith(normalise(ending))))
      out.push(word.slice(0, word.length - ending.length) + nominative);
  }
  return out;
}

/**
 * A name's spellings: as written first, then with the words (and the parts of a hyphenated
 * word, "Bielsku-Białej") in the nominative by each ending that fits.
 */
function spellings(name: string, endings: ReadonlyArray<readonly [string, string]>): string[] {
  let out = [''];
  for (const piece of name.split(/(\s+|-)/)) {
    const forms = /^(?:\s+|-)?$/.test(piece) ? [piece] : [piece, ...nominativesOf(piece, endings)];
    out = out.flatMap((start) => forms.map((f) => start + f)).slice(0, MAX_SPELLINGS);
  }
  return out;
}

/** Whether a name, normalised, is a known town or an alias, and no month or weekday. */
function isKnown(key: string, lex: RegionLexicon): boolean {
  return (lex.places.has(key) || lex.aliases.has(key)) && !lex.calendarWords.has(key);
}

/** The name as a known town or alias spells it, in the nominative ("we Wrocławiu" → "Wrocław"); null when none is. */
function knownName(name: string, lex: RegionLexicon): string | null {
  // A country as written stays one: "Polska" is no case of a town.
  if (lex.countries.has(words(name).join(' '))) return null;
  const all = spellings(name, lex.endings).map((text) => ({ text, key: words(text).join(' ') }));
  const first = all.find((s) => isKnown(s.key, lex));
  if (first === undefined) return null;
  // A case form may be listed as another name of its town ("Łodzi"): the town's own name then, in the nominative.
  const alias = lex.aliases.get(first.key) ?? first.key;
  const town = lex.places.get(alias) ?? alias;
  return all.find((s) => s.key === town && isKnown(s.key, lex))?.text ?? first.text;
}

/** The name in the nominative by the first ending that fits each word, for a place after a preposition that calls for a case. */
function guessedNominative(name: string, forms: CaseForms): string {
  return name
    .split(/(\s+|-)/)
    .map((piece) => nominativesOf(piece, forms.endings)[0] ?? piece)
    .join('');
}

/** The name of a place after a preposition: as known, else in the nominative the preposition's case gives, else as written. */
function placeAfter(preposition: string, name: string, lex: RegionLexicon): string {
  const known = knownName(name, lex);
  if (known !== null) return known;
  const forms = lex.cases.find((c) => c.prepositions.has(preposition));
  return forms ? guessedNominative(name, forms) : name;
}

// A word of a title, with the hyphens, dots and apostrophes inside a name: "Aix-Marseille", "St. Gallen", "d'Azur".
const TITLE_UNIT = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
// Where a title's parts end: punctuation, and a dash between spaces ("Mautic Leeds – proposal").
const TITLE_PART = /[:;|!?¿¡,"“”«»]|\s[-–—]\s|[–—]/;
// A capital, after an elided article or not: "Leipzig", "d'Azur".
const CAPITAL = /^(?:\p{Ll}['’])?\p{Lu}/u;
// A small word inside a name: "Frankfurt am Main", "Santiago de Compostela", "Côte d'Azur".
const PARTICLE = /^\p{Ll}{1,3}$/u;
// An acronym after a town is part of the region's name: "Delhi NCR".
const ACRONYM = /^\p{Lu}{3,5}$/u;
// Titles are short: what follows this is not read.
const MAX_TITLE = 300;
// A place's name has a few words: "Santiago de Compostela", "Gorzów Wielkopolski".
const MAX_RUN = 4;

interface TitleUnit {
  text: string;
  at: number;
  end: number;
  words: string[];
  /** Capitalised, or any word of a title written all in lower case. */
  capital: boolean;
  /** The proposal's or the group's word: "Mautic", "Meetup", "Mautic-Gruppe", "Stammtisch". */
  template: boolean;
  /** A word of titles that names no place: "Proposal", "Offizielle", "Création". */
  title: boolean;
}

function titleUnits(part: string, lex: RegionLexicon, lower: boolean): TitleUnit[] {
  return [...part.matchAll(TITLE_UNIT)].map((m) => {
    const text = m[0].replace(/[.'’-]+$/, '');
    const w = words(text);
    return {
      text,
      at: m.index,
      end: m.index + text.length,
      words: w,
      capital: lower || CAPITAL.test(text),
      template:
        w.length === 1
          ? lex.templateWords.has(w[0]!)
          : w.some((x) => lex.nameWords.has(x) || (lex.templateWords.has(x) && x.length > 3)),
      title: w.every((x) => lex.titleWords.has(x) || lex.templateWords.has(x)),
    };
  });
}

/** A unit that may stand in a place's name: capitalised, and neither the group's word nor a title's. */
const nameLike = (u: TitleUnit | undefined) => u !== undefined && u.capital && !u.template && !u.title;

/** A small word inside a name that is no preposition of place: "de", "am", "del". */
const particle = (u: TitleUnit | undefined, lex: RegionLexicon) =>
  u !== undefined && PARTICLE.test(u.text) && !isPreposition(u.words[0]!, lex);

/** A small word that joins two names into one ("Bahía de Cádiz"), not two places ("Lille et Roubaix"). */
const linking = (u: TitleUnit | undefined, lex: RegionLexicon) =>
  u !== undefined && !CAPITAL.test(u.text) && u.words.length === 1 && lex.nameParticles.has(u.words[0]!);

/** Where a run of name-like words from `from` ends (exclusive), with the particles inside it. */
function runEnd(units: readonly TitleUnit[], from: number, lex: RegionLexicon): number {
  let end = from;
  while (end < units.length && end - from < MAX_RUN) {
    if (nameLike(units[end])) end++;
    else if (particle(units[end], lex) && nameLike(units[end + 1])) end += 2;
    else break;
  }
  return end;
}

const slice = (part: string, units: readonly TitleUnit[], from: number, to: number) =>
  part.slice(units[from]!.at, units[to - 1]!.end);

/** A known town in a title's part, with what names the region around it ("Grande Porto", "Delhi NCR", "Raleigh-Durham"). */
function knownInTitle(part: string, units: readonly TitleUnit[], lex: RegionLexicon): string | null {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (!u.capital || u.template) continue;
    for (let n = Math.min(MAX_PLACE_WORDS, units.length - i); n > 0; n--) {
      // A title's word alone is no town, whatever town bears its name.
      if (n === 1 && u.title) continue;
      const text = slice(part, units, i, i + n);
      let name = knownName(text, lex);
      // A hyphenated name with a known town in it: "Raleigh-Durham", "Aix-Marseille".
      if (name === null && n === 1 && u.words.length > 1 && u.text.split('-').some((p) => knownName(p, lex) !== null))
        name = text;
      if (name === null) continue;
      let from = i;
      while (from > 0 && i - from < 2) {
        if (nameLike(units[from - 1])) from--;
        else if (from > 1 && linking(units[from - 1], lex) && nameLike(units[from - 2])) from -= 2;
        else break;
      }
      let to = i + n;
      // A name that goes on after a small word of names: "Bahía de Cádiz", though "Bahía" is a town too.
      if (linking(units[to], lex) && nameLike(units[to + 1])) to = runEnd(units, to + 2, lex);
      // Two towns as one region: "Bristol & Bath".
      else if (nameLike(units[to]) && /^\s*[&+]\s*$/.test(part.slice(units[to - 1]!.end, units[to]!.at)))
        to = runEnd(units, to, lex);
      while (to < units.length && ACRONYM.test(units[to]!.text) && !units[to]!.template) to++;
      const before = from < i ? part.slice(units[from]!.at, units[i]!.at) : '';
      const after = to > i + n ? part.slice(units[i + n - 1]!.end, units[to - 1]!.end) : '';
      return before + name + after;
    }
  }
  return null;
}

/** A place after a preposition in a title's part: "Mautic am Bodensee", "en Bretagne", "for the Twin Cities", "na Śląsku". */
function afterPreposition(part: string, units: readonly TitleUnit[], lex: RegionLexicon): string | null {
  for (let i = 0; i + 1 < units.length; i++) {
    const p = units[i]!;
    const word = p.words[0]!;
    if (p.words.length !== 1 || CAPITAL.test(p.text) || !isPreposition(word, lex)) continue;
    let from = i + 1;
    // Articles between: "in de Achterhoek", "for the Twin Cities".
    while (
      from < Math.min(units.length, i + 3) &&
      !units[from]!.capital &&
      (units[from]!.template || units[from]!.title)
    )
      from++;
    const end = runEnd(units, from, lex);
    if (end === from || lex.calendarWords.has(words(slice(part, units, from, end)).join(' '))) continue;
    return placeAfter(word, slice(part, units, from, end), lex);
  }
  return null;
}

function isPreposition(word: string, lex: RegionLexicon): boolean {
  return (
    lex.prepositions.has(word) || lex.titlePrepositions.has(word) || lex.cases.some((c) => c.prepositions.has(word))
  );
}

/** The first run of name-like words in a title's part: "Twin Cities", "Rhein-Main". */
function firstRun(part: string, units: readonly TitleUnit[], lex: RegionLexicon): string | null {
  for (let i = 0; i < units.length; i++) {
    if (!nameLike(units[i])) continue;
    const text = slice(part, units, i, runEnd(units, i, lex));
    if (lex.calendarWords.has(words(text).join(' '))) continue;
    return knownName(text, lex) ?? text;
  }
  return null;
}

/** The place a text of title parts names: a known town first, then a place after a preposition, then the first name-like words. */
function placeInTitle(text: string, lex: RegionLexicon, lower: boolean): string | null {
  const readers = [knownInTitle, afterPreposition, firstRun];
  let best: { rank: number; place: string } | null = null;
  for (const part of text.split(TITLE_PART)) {
    // Names split by a slash are one place's in two languages, or a town and its region
    // ("Fribourg / Freiburg", "Innsbruck / Tirol"): the first that names a place is it.
    for (const alternative of part.split('/')) {
      const units = titleUnits(alternative, lex, lower);
      const found = readers
        .map((read, rank) => ({ rank, place: read(alternative, units, lex) }))
        .find((r) => r.place !== null);
      if (found === undefined) continue;
      if (best === null || found.rank < best.rank) best = { rank: found.rank, place: found.place! };
      break;
    }
  }
  return best === null ? null : best.place.replace(/^\p{Ll}['’]/u, '');
}

/**
 * The place a title names: "Starting a Mautic meetup in Portland, OR" is Portland, "Mautic-Gruppe
 * Leipzig gründen" Leipzig, "Mautic w Białymstoku" Białystok, "Mautic am Bodensee" Bodensee,
 * "Twin Cities Mautic meetup proposal" Twin Cities. A known town (or an alias) wins, then a place
 * after a preposition, then the first capitalised words that are neither the group's words nor a
 * title's; what stands in brackets is read only when the rest names nothing. An online meetup's
 * title gives its online word first ("online Deutsch"). The writer's own spelling, in the nominative.
 */
export function regionFromTitle(title: string, lex: RegionLexicon): string | null {
  const text = title.slice(0, MAX_TITLE);
  const lower = !/\p{Lu}/u.test(text);
  const outside = text.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' | ');
  const inside = [...text.matchAll(/\(([^)]*)\)?|\[([^\]]*)\]?/g)].map((m) => m[1] ?? m[2] ?? '').join(' | ');
  const place = placeInTitle(outside, lex, lower) ?? placeInTitle(inside, lex, lower);
  const online = lex.online.find(words(text))[0]?.phrase;
  if (online === undefined) return place;
  return place === null ? online : `${online} ${place}`;
}

// How much of a first post is read for a place in prose, and how many words a place name has.
const MAX_PROSE = 3000;
const MAX_PROSE_PLACE_WORDS = 3;
const MAX_KEYWORD_WORDS = 3;
// How much of a sentence after a town is read for the group's name.
const MAX_SENTENCE = 300;
// How far before a preposition a word of residence reaches: "I live in Noida", "pracuję zdalnie dla firmy z Warszawy".
const RESIDENCE_REACH = 4;

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
  /** The longest start of a place that is a known town, or an alias, in the nominative ("w Lublinie" → "Lublin"). */
  const town = (place: string[]): string | null => {
    for (let n = place.length; n > 0; n--) {
      const known = knownName(place.slice(0, n).join(' '), lex);
      if (known !== null) return known;
    }
    return null;
  };
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!lex.prepositions.has(norm[i + 1]!) || !keywordEndsAt(i)) continue;
    const place = placeAt(i + 2);
    if (place.length > 0 && !lex.calendarWords.has(words(place[0]!).join(' ')))
      return placeAfter(norm[i + 1]!, place.join(' '), lex);
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
  // A town after a preposition of place names the region before one where someone lives or works ("I live in
  // Noida but the meetup would be in Gurugram"), and that one before a town someone is from or near.
  const tiers: Array<string | null> = [null, null, null];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const place = lex.prepositions.has(norm[i]!) || lex.cases.some((c) => c.prepositions.has(norm[i]!));
    const after = place || lex.origins.has(norm[i]!) || keywordEndsAt(i) ? i + 1 : -1;
    if (after < 0) continue;
    const known = town(placeAt(after));
    if (known === null) continue;
    const residence = norm
      .slice(Math.max(0, i - RESIDENCE_REACH), i)
      .some((w) => lex.residenceWords.has(w) || lex.residenceWords.has(w.replace(/^\p{L}'/u, '')));
    const tier = residence ? 1 : place || !lex.origins.has(norm[i]!) ? 0 : 2;
    if (tier === 0) return known;
    tiers[tier] ??= known;
  }
  if (tiers[1] !== null || tiers[2] !== null) return tiers[1] ?? tiers[2]!;
  // A known town that opens a sentence, as its heading ("Lublin — mogę udostępnić salę") or its subject in a
  // sentence about the group ("Mumbai doesn't have a Mautic group yet"); a town that is also a word ("Nice to
  // meet you", "Como sabéis") opens sentences about other things.
  for (let i = 0; i < tokens.length; i++) {
    const before = text.slice(i === 0 ? 0 : tokens[i - 1]!.index + tokens[i - 1]![0].length, tokens[i]!.index);
    if ((i > 0 && !/[.!?\n]/.test(before)) || lex.titleWords.has(norm[i]!)) continue;
    const place = placeAt(i);
    const known = town(place);
    if (known === null) continue;
    const end = tokens[i + place.length - 1]!.index + tokens[i + place.length - 1]![0].length;
    const rest = text.slice(end, end + MAX_SENTENCE);
    const sentence = rest.slice(0, rest.search(/[.!?\n]|$/));
    if (/^\s*[,;:—–-]/.test(rest) || words(sentence).some((w) => lex.nameWords.has(w))) return known;
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
