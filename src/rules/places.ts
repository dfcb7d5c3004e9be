import countries from 'i18n-iso-countries';
import { CITY_NAMES } from './places-data.js';
import { words } from '../words/text.js';

let cities: Map<string, string> | null = null;

/**
 * Every town's other names (GeoNames: "muenchen", "monaco di baviera", "monachium") → its own
 * name ("munich"), normalised. A name two towns share is the more populous one's, and a town's
 * own name is always its own. Built once, on first use.
 */
export function cityNames(): ReadonlyMap<string, string> {
  if (cities) return cities;
  const map = new Map<string, string>();
  const lines = CITY_NAMES.split('\n').map((line) => line.split('\t'));
  for (const [own] of lines) if (own && !map.has(own)) map.set(own, own);
  for (const [own, ...others] of lines) for (const name of others) if (!map.has(name)) map.set(name, own!);
  cities = map;
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
