import ct from 'countries-and-timezones';
import type { RulesConfig } from '../config/rules-config.js';
import { words } from '../words/text.js';

export interface ResolvedTimeZone {
  timeZone: string;
  /** config: set for the country category; country: the country's zone; default: the forum's. */
  source: 'config' | 'country' | 'default';
}

// Country names are looked up in the languages the forum's categories are named in.
const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];

let countryCodes: Map<string, string> | null = null;

/** Normalised country name, in any of the languages above, to its ISO 3166 code. */
function countryIndex(): Map<string, string> {
  if (countryCodes) return countryCodes;
  const index = new Map<string, string>();
  const names = NAME_LANGUAGES.map((l) => new Intl.DisplayNames([l], { type: 'region' }));
  for (const country of Object.values(ct.getAllCountries())) {
    const add = (name: string | undefined) => {
      const key = name ? words(name).join(' ') : '';
      if (key !== '' && !index.has(key)) index.set(key, country.id);
    };
    add(country.name);
    for (const n of names) add(n.of(country.id));
  }
  countryCodes = index;
  return index;
}

/**
 * The country a category is named after: "Germany", "Deutschland", "Brasil", or one part
 * of "Belgium / Belgique" or "Suisse (Switzerland)".
 */
export function countryOfCategory(name: string): string | null {
  const index = countryIndex();
  const whole = index.get(words(name).join(' '));
  if (whole) return whole;
  for (const part of name.split(/[/|()–,-]/)) {
    const code = index.get(words(part).join(' '));
    if (code) return code;
  }
  return null;
}

const supported = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A country's zone. One zone is easy; where there are several, the one whose city the
 * region names ("Los Angeles"), else the largest group of zones that keep the same time
 * (mainland Spain, not the Canaries), the last by name within it (a heuristic that picks
 * Europe/Madrid over Africa/Ceuta and America/New_York over America/Detroit: a country
 * category whose meetups meet elsewhere sets its zone in config).
 */
export function countryTimeZone(code: string, region: string | null): string | null {
  const zones = ct
    .getTimezonesForCountry(code, { deprecated: true })
    ?.filter((z) => z.name.includes('/') && supported(z.name));
  if (!zones || zones.length === 0) return null;
  // The country's own zones first (Europe/Berlin for Germany, not Europe/Zurich, which Büsingen
  // shares); a country whose zone became a link to a neighbour's has it as an alias (Europe/Amsterdam).
  const primary = zones.filter((z) => z.countries[0] === code);
  const current = primary.filter((z) => !z.deprecated);
  const candidates = current.length > 0 ? current : primary.length > 0 ? primary : zones;
  if (candidates.length === 1) return candidates[0]!.name;
  if (region) {
    const wanted = words(region).join(' ');
    const city = candidates.find((z) => words(z.name.split('/').at(-1)!.replace(/_/g, ' ')).join(' ') === wanted);
    if (city) return city.name;
  }
  const groups = new Map<string, string[]>();
  for (const z of candidates) {
    const key = `${z.utcOffset}/${z.dstOffset}`;
    groups.set(key, [...(groups.get(key) ?? []), z.name]);
  }
  const largest = [...groups.values()].sort((a, b) => b.length - a.length)[0]!;
  return largest.sort().at(-1)!;
}

/**
 * The meetup's time zone: set in config for its country category, else its country's,
 * else the forum's default.
 */
export function resolveTimeZone(
  where: { countryCategory: string | null; region: string | null },
  config: RulesConfig['texts'],
): ResolvedTimeZone {
  const set = where.countryCategory ? categorySetting(where.countryCategory, config)?.timeZone : undefined;
  if (set) return { timeZone: set, source: 'config' };
  const code = where.countryCategory ? countryOfCategory(where.countryCategory) : null;
  const zone = code ? countryTimeZone(code, where.region) : null;
  if (zone) return { timeZone: zone, source: 'country' };
  return { timeZone: config.defaultTimeZone, source: 'default' };
}

/** A country category's settings, its name compared as people write it (case and accents aside). */
export function categorySetting(
  name: string,
  config: RulesConfig['texts'],
): RulesConfig['texts']['countryCategories'][string] | undefined {
  const key = words(name).join(' ');
  for (const [category, setting] of Object.entries(config.countryCategories))
    if (words(category).join(' ') === key) return setting;
  return undefined;
}
