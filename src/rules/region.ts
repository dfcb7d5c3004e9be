import type { RulesConfig } from '../config/rules-config.js';
import { cityNames, countryNames } from './places.js';
import { PhraseSet, words, wordSet } from './text.js';

export interface RegionLexicon {
  aliases: Map<string, string>;
  /** Other-language names of towns → the town's own name (GeoNames), applied after the aliases. */
  places: ReadonlyMap<string, string>;
  templateWords: Set<string>;
  countries: Set<string>;
  online: PhraseSet;
}

export function regionLexicon(
  config: RulesConfig['region'],
  extraTemplateWords: Iterable<string> = [],
  languages: readonly string[] = [],
): RegionLexicon {
  const aliases = new Map<string, string>();
  for (const [from, to] of Object.entries(config.aliases)) aliases.set(words(from).join(' '), words(to).join(' '));
  const places = cityNames();
  // A country's name that is also a town's own name (Luxembourg, Singapore) is the town.
  const countries = new Set([...countryNames(languages)].filter((c) => places.get(c) !== c || aliases.has(c)));
  for (const c of config.countries) countries.add(words(c).join(' '));
  return {
    aliases,
    places,
    templateWords: wordSet([...config.templateWords, ...extraTemplateWords]),
    countries,
    online: new PhraseSet(config.online),
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
 * "Bristol, UK", "Lyon - France" name Köln, Bristol and Lyon.
 */
export function regionName(value: string): string {
  const cut = value.search(/[(,;[]|\s[-–—|]\s/);
  const name = (cut < 0 ? value : value.slice(0, cut)).trim();
  return name === '' ? value.trim() : name;
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
