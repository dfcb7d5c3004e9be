import type { RulesConfig } from '../config/rules-config.js';
import { PhraseSet, words, wordSet } from './text.js';

export interface RegionLexicon {
  aliases: Map<string, string>;
  templateWords: Set<string>;
  countries: Set<string>;
  online: PhraseSet;
}

export function regionLexicon(config: RulesConfig['region'], extraTemplateWords: Iterable<string> = []): RegionLexicon {
  const aliases = new Map<string, string>();
  for (const [from, to] of Object.entries(config.aliases)) aliases.set(words(from).join(' '), words(to).join(' '));
  return {
    aliases,
    templateWords: wordSet([...config.templateWords, ...extraTemplateWords]),
    countries: new Set(config.countries.map((c) => words(c).join(' '))),
    online: new PhraseSet(config.online),
  };
}

/**
 * The comparable form of a place: case, accents and punctuation gone, the naming
 * template's words ("Mautic Meetup …") stripped, aliases applied (München = Munich).
 * Two names for the same place give the same key.
 */
export function regionKey(text: string, lex: RegionLexicon): string {
  const all = words(text);
  const whole = lex.aliases.get(all.join(' '));
  if (whole) return whole;
  const kept = all.filter((w) => !lex.templateWords.has(w));
  const joined = kept.join(' ');
  return lex.aliases.get(joined) ?? kept.map((w) => lex.aliases.get(w) ?? w).join(' ');
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
