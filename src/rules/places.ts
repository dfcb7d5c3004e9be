import countries from 'i18n-iso-countries';
import { words } from '../words/text.js';

// The towns of the one places file a process reads: built once, on first use.
let cities: { from: string; map: Map<string, string> } | null = null;

/**
 * Every town's other names (GeoNames: "muenchen", "monaco di baviera", "monachium") → its own
 * name ("munich"), normalised, from the lines of generated/places.tsv (`places`). A name two
 * towns share is the more populous one's, and a town's own name is always its own.
 */
export function cityNames(places: string): ReadonlyMap<string, string> {
  if (cities?.from === places) return cities.map;
  const map = new Map<string, string>();
  const lines = places
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
  for (const [own] of lines) if (own && !map.has(own)) map.set(own, own);
  for (const [own, ...others] of lines) for (const name of others) if (!map.has(name)) map.set(name, own!);
  cities = { from: places, map };
  return map;
}

/** Country names, official and common, in the given languages (i18n-iso-countries, from CLDR), normalised. */
export function countryNames(languages: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const language of languages)
    for (const names of Object.values(countries.getNames(language, { select: 'all' })))
      for (const name of names) {
        const key = words(name).join(' ');
        if (key !== '') out.add(key);
      }
  return out;
}

// Country names in each language, normalised, to their ISO 3166 codes: built once per set of languages.
let codes: { languages: string; map: Map<string, string> } | null = null;

/** The ISO 3166 code of a country named in one of the given languages ("United States", "États-Unis"), if known. */
export function countryCode(name: string, languages: readonly string[]): string | null {
  if (codes?.languages !== languages.join()) {
    const map = new Map<string, string>();
    for (const language of languages)
      for (const [code, names] of Object.entries(countries.getNames(language, { select: 'all' })))
        for (const n of names) {
          const key = words(n).join(' ');
          if (key !== '' && !map.has(key)) map.set(key, code);
        }
    codes = { languages: languages.join(), map };
  }
  return codes.map.get(words(name).join(' ')) ?? null;
}
